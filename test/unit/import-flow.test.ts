import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/render/engine.js';
import { renderClaudeCode } from '../../src/render/claude-code/index.js';
import { resolveProject } from '../../src/resolve/resolve.js';
import { runImport, type ImportRequest, type Prompter } from '../../src/import/run.js';
import { tempDir, tempTree } from '../helpers/cli.js';
import { memoryRepo } from '../helpers/memory-repo.js';
import { autoClaudeInstallation } from '../fixtures/import/auto-claude.js';
import { claudeProject } from '../fixtures/import/claude-project.js';

describe('frontmatterText in the Claude Code render stage', () => {
  const agent = (fields: string, extra: Record<string, string> = {}): string[] => {
    const { repo } = memoryRepo({
      'components/subagents/rev.yaml': fields,
      'components/subagents/rev.md': 'Body without final newline',
      'projects/p.yaml': 'path: out\nprofiles: []\ncomponents: {subagents: [rev]}\n',
      ...extra,
    });
    const project = resolveProject(repo, 'p').project!;
    return renderClaudeCode(project, createEngine(repo.templates)).files.map((f) => f.content as string);
  };
  const original = "---\ndescription: 'Reviews'  # quoted\nname: rev\n---\n";

  it('writes the original text and the body byte for byte while they agree with the fields', () => {
    expect(agent(`description: Reviews\nname: rev\nfrontmatterText: ${JSON.stringify(original)}\n`)).toEqual([`${original}Body without final newline`]);
  });

  it('falls back to the fields once they say something else', () => {
    expect(agent(`description: Reviews code\nname: rev\nfrontmatterText: ${JSON.stringify(original)}\n`)).toEqual(['---\nname: rev\ndescription: Reviews code\n---\n\nBody without final newline\n']);
  });

  it('leaves a repo template override in charge', () => {
    const out = agent(`description: Reviews\nname: rev\nfrontmatterText: ${JSON.stringify(original)}\n`, { 'templates/claude-code/agent.md.hbs': 'CUSTOM {{name}}\n' });
    expect(out).toEqual(['CUSTOM rev\n']);
  });
});

/** A prompter that answers from a script and records the questions. */
function scripted(answers: { checkbox?: string[]; select?: string; confirm?: boolean }): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    checkbox: async (message, choices) => {
      asked.push(`checkbox: ${message} ${choices.map((c) => c.value).join(',')}`);
      return answers.checkbox ?? choices.filter((c) => c.checked).map((c) => c.value);
    },
    select: async (message) => {
      asked.push(`select: ${message}`);
      return answers.select ?? 'skip';
    },
    confirm: async (message) => {
      asked.push(`confirm: ${message}`);
      return answers.confirm ?? true;
    },
  };
}

function io(cwd: string, env: Record<string, string> = {}): { cwd: string; env: Record<string, string>; print: (l: string) => void; note: (l: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { cwd, env, print: (l) => lines.push(l), note: (l) => lines.push(l), lines };
}

const claudeRequest = (path: string): ImportRequest => ({ source: 'claude', path, projects: [], dryRun: false });

describe('the import wizard flow', () => {
  it('shows counts per kind, imports only the kinds chosen, and asks before writing', async () => {
    const project = tempTree(claudeProject());
    const repo = tempDir();
    const out = io(repo);
    const prompter = scripted({ checkbox: ['subagents', 'commands', 'mcp-servers', 'projects'] });
    const result = await runImport(claudeRequest(project), out, prompter);
    expect(prompter.asked).toEqual([
      'checkbox: What should be imported? subagents,commands,skills,mcp-servers,hooks,settings,claude-md,projects',
      expect.stringMatching(/^confirm: Write \d+ files into \. \(a new config repo\)\?$/),
    ]);
    expect(out.lines).toContain('  subagents       3  subagents');
    expect(out.lines).toContain('  mcp-servers     5  MCP servers');
    expect(existsSync(join(repo, 'components/subagents/planner.yaml'))).toBe(true);
    expect(existsSync(join(repo, 'components/skills/release-notes/skill.yaml'))).toBe(false);
    expect(readFileSync(join(repo, 'profiles', `${project.split('/').pop()}.yaml`), 'utf8')).not.toMatch(/skills/);
    // Three subagents, three commands and .mcp.json; settings.json, the skill and CLAUDE.md were not chosen.
    expect(result.data['roundTrip']).toEqual({ checked: 7, exact: 7 });
    expect(result.diagnostics).toEqual([]);
  });

  it('writes nothing when the answer to the last question is no', async () => {
    const project = tempTree(claudeProject());
    const repo = tempDir();
    const result = await runImport(claudeRequest(project), io(repo), scripted({ confirm: false }));
    expect(result.cancelled).toBe(true);
    expect(existsSync(join(repo, 'ccm.config.yaml'))).toBe(false);
  });

  it('asks what to do on a clash, and renames, overwrites or skips', async () => {
    const project = tempTree(claudeProject());
    const repo = tempDir();
    await runImport(claudeRequest(project), io(repo), undefined);
    const planner = join(repo, 'components/subagents/planner.yaml');
    const edited = readFileSync(planner, 'utf8').replace('model: opus', 'model: haiku');
    writeFileSync(planner, edited);

    const again = scripted({ select: 'rename' });
    const renamed = await runImport(claudeRequest(project), io(repo), again);
    expect(again.asked.some((q) => q.startsWith('select: On a name clash'))).toBe(true);
    expect(readFileSync(planner, 'utf8')).toBe(edited);
    expect(readFileSync(join(repo, 'components/subagents/planner-2.yaml'), 'utf8')).toMatch(/model: opus/);
    const name = project.split('/').pop()!;
    expect(readFileSync(join(repo, `profiles/${name}.yaml`), 'utf8')).toMatch(/- planner-2/);
    expect((renamed.data['outcomes'] as { name: string; action: string }[]).find((o) => o.name === 'planner')).toMatchObject({ action: 'rename', finalName: 'planner-2' });

    // A second rename import finds planner-2 identical: nothing new.
    const third = await runImport({ ...claudeRequest(project), onClash: 'rename' }, io(repo));
    expect((third.data['outcomes'] as { name: string; action: string }[]).find((o) => o.name === 'planner')).toMatchObject({ action: 'unchanged', finalName: 'planner-2' });

    await runImport({ ...claudeRequest(project), onClash: 'skip' }, io(repo));
    expect(readFileSync(planner, 'utf8')).toBe(edited);
    await runImport({ ...claudeRequest(project), onClash: 'overwrite' }, io(repo));
    expect(readFileSync(planner, 'utf8')).toMatch(/model: opus/);
  });

  it('keeps each project\'s AGENT_MCP_* in that project, so projects that differ import exactly', async () => {
    const files = autoClaudeInstallation();
    files['projects/third/.auto-claude/.env'] = 'AGENT_MCP_qa_reviewer_REMOVE=graphiti\nDEFAULT_BRANCH=main\n';
    const root = tempTree(files);
    const repo = tempDir();
    const request: ImportRequest = {
      source: 'auto-claude', path: join(root, 'Auto-Claude/apps/backend'),
      projects: [join(root, 'projects/web-app'), join(root, 'projects/orders-api'), join(root, 'projects/third')], dryRun: true,
    };
    const result = await runImport(request, io(repo));
    expect(result.diagnostics.filter((d) => d.code === 'IMPORT_NOT_EXACT')).toEqual([]);
    expect(existsSync(join(repo, 'ccm.config.yaml'))).toBe(false);
  });
});
