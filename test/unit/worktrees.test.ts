import { describe, expect, it } from 'vitest';
import { isGeneratedLayout } from '../../src/plan/layouts.js';
import { worktreeCopies, worktreeOf } from '../../src/plan/worktrees.js';

const project = { kind: 'project' as const, project: 'web', dir: '/x' };

describe('worktree copies in the layout table', () => {
  it('accept exactly <worktrees>/<name>/.auto-claude/.env, in the current and the legacy folder', () => {
    for (const path of ['.auto-claude/worktrees/tasks/001-add-login/.auto-claude/.env', '.worktrees/002-old/.auto-claude/.env']) {
      expect(isGeneratedLayout(project, path), path).toBe(true);
    }
    for (const path of [
      '.auto-claude/worktrees/tasks/001/src/index.ts', '.auto-claude/worktrees/tasks/001/.env', '.auto-claude/worktrees/tasks/001/.auto-claude/specs/001/task_metadata.json',
      '.auto-claude/worktrees/tasks/a/b/.auto-claude/.env', '.auto-claude/worktrees/tasks/.auto-claude/.env', '.auto-claude/worktrees/pr/12/.auto-claude/.env',
      '.auto-claude/worktrees/terminal/t/.auto-claude/.env', '.auto-claude/worktrees/tasks/../.auto-claude/.env', '.auto-claude/worktrees/tasks/./.auto-claude/.env',
      '.auto-claude/worktrees/tasks/.git/.auto-claude/.env', '.worktrees/x/.git/config', '.worktrees/.auto-claude/.env', 'sub/.worktrees/x/.auto-claude/.env',
    ]) {
      expect(isGeneratedLayout(project, path), path).toBe(false);
    }
    expect(isGeneratedLayout({ kind: 'backend', dir: '/x' }, '.worktrees/002-old/.auto-claude/.env')).toBe(false);
  });

  it('copy only the project .env, with its secret marks, into each worktree', () => {
    const env = { path: '.auto-claude/.env', content: 'A=1\n', sources: ['projects/web.yaml'], secret: true, secretKeys: ['A'] };
    const copies = worktreeCopies([env, { path: 'CLAUDE.md', content: '# x\n', sources: [] }], ['.auto-claude/worktrees/tasks/001', '.worktrees/002']);
    expect(copies).toEqual([
      { ...env, path: '.auto-claude/worktrees/tasks/001/.auto-claude/.env' },
      { ...env, path: '.worktrees/002/.auto-claude/.env' },
    ]);
    expect(copies.map((c) => worktreeOf(c.path))).toEqual(['.auto-claude/worktrees/tasks/001', '.worktrees/002']);
    expect(worktreeOf('.auto-claude/.env')).toBeUndefined();
  });
});
