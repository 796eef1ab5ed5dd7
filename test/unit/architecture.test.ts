import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS (the lint configuration's own module), no declarations
import { LAYERS, OTHER_WRITERS, PORTS } from '../../eslint.layers.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

type Layers = Record<string, string[]>;
type Ports = Record<string, { to: string[]; why: string }>;
const layers = LAYERS as Layers;
const ports = PORTS as Ports;
const writers = OTHER_WRITERS as Record<string, string>;
const order = Object.keys(layers);
const map = readFileSync(join(PROJECT_ROOT, 'ARCHITECTURE.md'), 'utf8');

/** The rows of the first Markdown table after `heading` in ARCHITECTURE.md (header and rule left out), as cells. */
function tableAfter(heading: string): string[][] {
  const lines = map.slice(map.indexOf(heading)).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

describe('the dependency direction (eslint.layers.js, ARCHITECTURE.md)', () => {
  it('places every folder of src/ in the table, and nothing that is not there', () => {
    const folders = readdirSync(join(PROJECT_ROOT, 'src')).filter((f) => statSync(join(PROJECT_ROOT, 'src', f)).isDirectory());
    expect(order.slice().sort()).toEqual(folders.sort());
  });

  it('lets each folder import only folders before it, so there is no cycle', () => {
    for (const [i, folder] of order.entries()) {
      for (const dep of layers[folder]!.filter((d) => d !== '*')) {
        expect(order.indexOf(dep), `${folder} → ${dep}`).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(dep), `${folder} → ${dep}`).toBeLessThan(i);
      }
    }
  });

  it('opens each port only to folders below its own, and each port exists', () => {
    for (const [file, port] of Object.entries(ports)) {
      expect(existsSync(join(PROJECT_ROOT, 'src', file)), file).toBe(true);
      const home = order.indexOf(file.split('/')[0]!);
      for (const user of port.to) if (user !== '*') expect(order.indexOf(user), `${file} → ${user}`).toBeLessThan(home);
    }
  });

  it('is the table ARCHITECTURE.md shows', () => {
    const shown = tableAfter('## Who may import whom').map(([folder, deps]) => [folder!.replace(/`/g, '').replace(/\/$/, ''), deps]);
    const expected = order.map((f) => [f, layers[f]!.length ? layers[f]!.map((d) => (d === '*' ? 'everything' : `\`${d}/\``)).join(', ') : '—']);
    expect(shown).toEqual(expected);
    const shownPorts = tableAfter('A few files live with their concern').map(([file, to, why]) => [file!.replace(/`/g, ''), to, why]);
    expect(shownPorts).toEqual(Object.entries(ports).map(([file, p]) => [file, p.to.map((t) => (t === '*' ? 'everyone' : `\`${t}/\``)).join(', '), p.why]));
  });

  it('lists the writers besides src/io/ that ARCHITECTURE.md lists, each a file that exists', () => {
    const shown = tableAfter('## Who writes').map(([file, what]) => [file!.replace(/`/g, ''), what]);
    expect(shown).toEqual(Object.entries(writers));
    for (const file of Object.keys(writers)) expect(existsSync(join(PROJECT_ROOT, file)), file).toBe(true);
  });
});
