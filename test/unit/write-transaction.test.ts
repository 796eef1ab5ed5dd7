import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CcmError } from '../../src/errors.js';
import { makeFolderTree } from '../../src/io/no-follow.js';
import { STAGING_DIR } from '../../src/io/staging.js';
import { removeFiles, WriteTransaction, writeFilesAtomically, type FileWrite } from '../../src/io/transaction.js';
import { tempDir } from '../helpers/cli.js';
import { readTreeFiles } from '../helpers/tree.js';

/** `n` files spread over nested folders, a few in each, some in the same folder as others. */
function manyWrites(n: number): FileWrite[] {
  return Array.from({ length: n }, (_, i) => ({ path: `d${i % 7}/e${i % 3}/f-${i}.md`, content: `file ${i}\n`.repeat(50) }));
}

function expectThrowsIo(err: unknown, text: string): void {
  expect(err).toBeInstanceOf(CcmError);
  expect((err as CcmError).code).toBe('IO');
  expect((err as CcmError).message).toContain(text);
}

describe('writeFilesAtomically, many files at once', () => {
  it('writes every file of many in many folders, with its mode, and leaves no staging folder', async () => {
    const root = tempDir();
    const writes = manyWrites(300);
    writes.push({ path: 'secret.env', content: 'A=1\n', mode: 0o600 }, { path: 'd0/run.sh', content: '#!/bin/sh\n', mode: 0o755 });
    await writeFilesAtomically(root, writes);
    const files = readTreeFiles(root);
    expect([...files.keys()].sort()).toEqual(writes.map((w) => w.path).sort());
    for (const w of writes) expect(files.get(w.path)?.toString()).toBe(w.content);
    expect(statSync(join(root, 'secret.env')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'd0/run.sh')).mode & 0o111).not.toBe(0);
    // `.ccm` was made for staging only, so it goes again.
    expect(existsSync(join(root, '.ccm'))).toBe(false);
  });

  it('replaces existing files in place', async () => {
    const root = tempDir();
    await writeFilesAtomically(root, manyWrites(40));
    const next = manyWrites(40).map((w) => ({ ...w, content: `${w.path} again\n` }));
    await writeFilesAtomically(root, next);
    const files = readTreeFiles(root);
    for (const w of next) expect(files.get(w.path)?.toString()).toBe(w.content);
  });

  it('refuses a folder on the way that is a symbolic link before writing anything, and leaves no staging leftovers', async () => {
    const root = tempDir();
    const elsewhere = tempDir();
    mkdirSync(join(root, 'd3'));
    symlinkSync(elsewhere, join(root, 'd3/e1'));
    const err = await writeFilesAtomically(root, manyWrites(200)).catch((e: unknown) => e);
    expectThrowsIo(err, join(root, 'd3/e1'));
    expect([...readTreeFiles(root).keys()]).toEqual([]);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['d3']);
  });

  it('refuses a file where a folder should be, with nothing written', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'd5'), 'mine\n');
    const err = await writeFilesAtomically(root, manyWrites(100)).catch((e: unknown) => e);
    expectThrowsIo(err, 'not a folder');
    expect(readFileSync(join(root, 'd5'), 'utf8')).toBe('mine\n');
    expect(readdirSync(root)).toEqual(['d5']);
  });

  it('a staged write that fails among many leaves no target written and no staged file behind', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'keep.md'), 'old\n');
    const writes = manyWrites(200);
    // Not bytes: the write of this one file fails after others were staged.
    writes.splice(97, 0, { path: 'd1/bad.md', content: 42 as unknown as string });
    const err = await writeFilesAtomically(root, writes).catch((e: unknown) => e);
    expectThrowsIo(err, 'could not write');
    expect([...readTreeFiles(root).keys()]).toEqual(['keep.md']);
    expect(readdirSync(root)).toEqual(['keep.md']);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder stops the commit before any file is renamed', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'd2'));
    chmodSync(join(root, 'd2'), 0o500);
    try {
      const err = await writeFilesAtomically(root, manyWrites(100)).catch((e: unknown) => e);
      expectThrowsIo(err, 'permission denied');
      expect([...readTreeFiles(root).keys()]).toEqual([]);
      expect(readdirSync(root)).toEqual(['d2']);
    } finally {
      chmodSync(join(root, 'd2'), 0o700);
    }
  });
});

describe('WriteTransaction', () => {
  it('a folder turned into a link between staging and commit stops the commit: no file renamed, made folders removed', async () => {
    const root = tempDir();
    const elsewhere = tempDir();
    mkdirSync(join(root, 'd4'));
    const tx = new WriteTransaction();
    try {
      const staged = await tx.stageAll(root, manyWrites(120));
      // d4 was a real folder when staged; now it is a link (a checkout in between, an attacker).
      rmdirAndLink(join(root, 'd4'), elsewhere);
      const err = await tx.commit(staged).catch((e: unknown) => e);
      expectThrowsIo(err, join(root, 'd4'));
      expect(readdirSync(elsewhere)).toEqual([]);
      expect(readdirSync(root).sort()).toEqual(['.ccm', 'd4']);
    } finally {
      await tx.close();
    }
    expect(readdirSync(root)).toEqual(['d4']);
  });

  it('stages of one root at the same time share one staging folder', async () => {
    const root = tempDir();
    const tx = new WriteTransaction();
    try {
      const staged = await Promise.all(manyWrites(30).map((w) => tx.stage(root, w)));
      expect(new Set(staged.map((s) => s.temp)).size).toBe(30);
      expect(readdirSync(join(root, STAGING_DIR)).filter((n) => n !== '.gitignore')).toHaveLength(1);
      await tx.commit(staged);
    } finally {
      await tx.close();
    }
    expect(readTreeFiles(root).size).toBe(30);
  });

  it('commits steps in the order called, each complete before the next', async () => {
    const root = tempDir();
    const tx = new WriteTransaction();
    try {
      const [first, second] = [await tx.stageAll(root, manyWrites(50)), await tx.stageAll(root, [{ path: 'last.json', content: '{}\n' }])];
      await tx.commit(first!);
      expect(existsSync(join(root, 'last.json'))).toBe(false);
      expect(readTreeFiles(root).size).toBeGreaterThanOrEqual(50);
      await tx.commit(second!);
      expect(readFileSync(join(root, 'last.json'), 'utf8')).toBe('{}\n');
    } finally {
      await tx.close();
    }
  });
});

describe('makeFolderTree', () => {
  it('makes each distinct folder once, parents first, however many files go into it', () => {
    const root = tempDir();
    mkdirSync(join(root, 'a'));
    const created = makeFolderTree(root, ['a/b', 'a/b', 'a/c', 'a/b/d', '.', 'x/y', 'a/b']);
    expect(created).toEqual([join(root, 'x'), join(root, 'a/b'), join(root, 'a/c'), join(root, 'x/y'), join(root, 'a/b/d')]);
    for (const dir of created) expect(lstatSync(dir).isDirectory()).toBe(true);
  });

  it('refuses a link on the way and removes the folders it made before it', () => {
    const root = tempDir();
    mkdirSync(join(root, 'm'));
    symlinkSync(tempDir(), join(root, 'm/link'));
    expect(() => makeFolderTree(root, ['a/b', 'm/link/deeper'])).toThrow(/a symbolic link/);
    expect(readdirSync(root).sort()).toEqual(['m']);
  });
});

describe('removeFiles', () => {
  it('removes many files, the folders they leave empty, and keeps folders that hold anything else and the root', async () => {
    const root = tempDir();
    const writes = manyWrites(140);
    await writeFilesAtomically(root, writes);
    writeFileSync(join(root, 'd2/e2/not-ours.txt'), 'x\n');
    await removeFiles(root, [...writes.map((w) => w.path), 'never/there.md']);
    expect([...readTreeFiles(root).keys()]).toEqual(['d2/e2/not-ours.txt']);
    expect(readdirSync(root)).toEqual(['d2']);
    expect(readdirSync(join(root, 'd2'))).toEqual(['e2']);
  });

  it('refuses a link among the folders before removing anything', async () => {
    const root = tempDir();
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'f-1.md'), 'theirs\n');
    await writeFilesAtomically(root, [{ path: 'a/one.md', content: '1\n' }]);
    symlinkSync(elsewhere, join(root, 'b'));
    const err = await removeFiles(root, ['a/one.md', 'b/f-1.md']).catch((e: unknown) => e);
    expectThrowsIo(err, join(root, 'b'));
    expect(readFileSync(join(root, 'a/one.md'), 'utf8')).toBe('1\n');
    expect(readFileSync(join(elsewhere, 'f-1.md'), 'utf8')).toBe('theirs\n');
  });
});

/** Puts a link where an empty folder was. */
function rmdirAndLink(dir: string, target: string): void {
  rmdirSync(dir);
  symlinkSync(target, dir);
}
