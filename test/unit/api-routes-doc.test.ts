// docs/api.md lists every route of `ccm ui`'s API, and no route that is not there: its Routes table
// against the routes the real app registers (hono's own list), both ways.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/ui/app.js';
import type { Workspace } from '../../src/ui/workspace.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

/** "METHOD /path" of each route in the first column of the Routes table (`GET`, `POST /x`; `PUT /y`). */
function documentedRoutes(): string[] {
  const doc = readFileSync(join(PROJECT_ROOT, 'docs/api.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Routes'));
  const rows = table.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) => row.split('|')[1]!.split(';').flatMap((group) => {
    const words = [...group.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const last = words.pop()!;
    const [method, raw] = last.split(' ');
    if (!raw?.startsWith('/api/')) return [];
    const path = raw.replace(/[[?].*$/, '');
    return [...words, method].map((m) => `${m} ${path}`);
  }));
}

describe('docs/api.md', () => {
  it('lists exactly the routes the server has', () => {
    // Routes are registered without touching the workspace, which only the handlers use.
    const app = createApp({ workspace: {} as Workspace, port: () => 0, token: 't', log: () => undefined });
    const served = [...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/*').map((r) => `${r.method} ${r.path}`))].sort();
    expect(served.length).toBeGreaterThan(20);
    expect([...new Set(documentedRoutes())].sort()).toEqual(served);
  });
});
