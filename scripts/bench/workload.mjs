// Generates the W<N> workload of issue #10 twice over, once per tool, from the same names and bytes:
// N/2 subagents and N/2 commands, each a one-line description and the same ~1.2 KB Markdown body,
// one project, Claude Code only. Both the config repo and the project are git repositories, as a team has them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitInitAndCommit } from './proc.mjs';

/** The shared prompt body (1,2xx bytes): headings, a list and a code span, like a real agent prompt. */
export const BODY = [
  '# Role',
  '',
  'You are a careful senior engineer working in this repository. Read the relevant files before you',
  'answer, keep changes small, and explain the reason for each change in one sentence.',
  '',
  '## Steps',
  '',
  '1. Restate the task in your own words and list the files it touches.',
  '2. Read each of those files completely; do not guess at code you have not seen.',
  '3. Make the smallest change that solves the task, following the existing style.',
  '4. Run `npm test` (or the narrowest test file that covers the change) and read the output.',
  '5. Summarise what changed, what you checked, and anything you were unsure about.',
  '',
  '## Rules',
  '',
  '- Never commit secrets, tokens or credentials, and never print them.',
  '- Prefer editing an existing file over creating a new one.',
  '- Keep functions short and names self-explaining; comments say why, not what.',
  '- When a requirement is ambiguous, ask one precise question instead of assuming.',
  '- Do not reformat code you did not otherwise change.',
  '- Stop when the task is done; do not start unrelated work.',
  '',
  '## Output',
  '',
  'Reply with a short summary first, then the details: the files changed, the commands you ran and',
  'their results, and the open questions. Use Markdown headings and lists; keep it under a page.',
  '',
].join('\n');

export function componentNames(n) {
  const half = Math.floor(n / 2);
  const pad = (i) => String(i).padStart(5, '0');
  return {
    subagents: Array.from({ length: half }, (_, i) => `agent-${pad(i)}`),
    commands: Array.from({ length: n - half }, (_, i) => `command-${pad(i)}`),
  };
}

function put(base, path, text) {
  const abs = join(base, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/**
 * ccm's layout: `<dir>/config` (the config repo, one profile listing every component) and
 * `<dir>/project` (the project, with a committed README so it has a history). Returns the paths the
 * measures need.
 */
export function generateCcm(dir, n) {
  const config = join(dir, 'config');
  const project = join(dir, 'project');
  const names = componentNames(n);
  put(config, 'ccm.config.yaml', 'version: 1\n');
  put(config, '.gitignore', '.ccm/\n');
  names.subagents.forEach((name, i) => {
    put(config, `components/subagents/${name}.yaml`, `description: Bench subagent ${i}, reviews one area of the code base\n`);
    put(config, `components/subagents/${name}.md`, BODY);
  });
  names.commands.forEach((name, i) => {
    put(config, `components/commands/${name}.yaml`, `description: Bench command ${i}, runs one routine task\n`);
    put(config, `components/commands/${name}.md`, BODY);
  });
  put(config, 'profiles/all.yaml', `components:\n  subagents: [${names.subagents.join(', ')}]\n  commands: [${names.commands.join(', ')}]\n`);
  put(config, 'projects/app.yaml', 'path: ../project\nprofiles: [all]\ntargets: [claude-code]\n');
  put(project, 'README.md', '# Bench project\n');
  gitInitAndCommit(config);
  gitInitAndCommit(project);
  return {
    config,
    project,
    names,
    editedBody: join(config, `components/subagents/${names.subagents[0]}.md`),
    editedYaml: join(config, `components/subagents/${names.subagents[0]}.yaml`),
    editedOutput: join(project, `.claude/agents/${names.subagents[0]}.md`),
  };
}

/** rulesync's layout: one project folder holding `.rulesync/subagents/*.md` and `.rulesync/commands/*.md`. */
export function generateRulesync(dir, n) {
  const project = join(dir, 'rulesync-project');
  const names = componentNames(n);
  names.subagents.forEach((name, i) => {
    put(project, `.rulesync/subagents/${name}.md`,
      `---\nname: ${name}\ntargets: ["claudecode"]\ndescription: Bench subagent ${i}, reviews one area of the code base\n---\n\n${BODY}`);
  });
  names.commands.forEach((name, i) => {
    put(project, `.rulesync/commands/${name}.md`,
      `---\ntargets: ["claudecode"]\ndescription: Bench command ${i}, runs one routine task\n---\n\n${BODY}`);
  });
  put(project, 'README.md', '# Bench project\n');
  gitInitAndCommit(project);
  return {
    project,
    names,
    editedBody: join(project, `.rulesync/subagents/${names.subagents[0]}.md`),
    editedOutput: join(project, `.claude/agents/${names.subagents[0]}.md`),
  };
}
