import { posix, relative } from 'node:path';
import { COMPONENT_KINDS, SCHEMA_FILE, type DocumentKind } from '../core/kinds.js';
import { toPosix } from '../load/read-tree.js';
import { defaultBaseProfile, defaultFiles, defaultProject } from './defaults.js';

export interface ScaffoldFile {
  path: string;
  content: string;
}

/** The `# yaml-language-server` line that lets editors validate and complete a file of this kind. */
export function schemaLine(fileRelPath: string, kind: DocumentKind, schemasRelToRoot: string): string {
  const depth = fileRelPath.split('/').length - 1;
  const up = depth === 0 ? '' : '../'.repeat(depth);
  return `# yaml-language-server: $schema=${posix.join(up || './', schemasRelToRoot, SCHEMA_FILE[kind])}`;
}

/**
 * Pure: the files of a new config repo. `schemasDir` is the absolute path of the package's schemas.
 * With `defaults`, also Auto-Claude's agent configs and model profiles, a Claude Code base and a
 * sample project (src/scaffold/defaults.ts).
 */
export function initFiles(targetDir: string, schemasDir: string, options: { defaults?: boolean } = {}): ScaffoldFile[] {
  const schemas = toPosix(relative(targetDir, schemasDir)) || '.';
  const files: ScaffoldFile[] = [
    {
      path: 'ccm.config.yaml',
      content: `${schemaLine('ccm.config.yaml', 'ccm.config', schemas)}
# ccm config repo settings. Docs: components, profiles and projects are described in README.md.
version: 1

# Where Auto-Claude's backend lives (the folder holding prompts/); prompts are written there.
# autoClaude:
#   backendPath: ../Auto-Claude/apps/backend

# age public keys every secret is encrypted to (\`ccm secrets keygen\` prints yours).
# secrets:
#   recipients: []

# Profiles every project uses.
defaults:
  profiles: [base]
`,
    },
    {
      path: 'profiles/base.yaml',
      content: `${schemaLine('profiles/base.yaml', 'profile', schemas)}
description: Components every project gets.
components:
  mcp-servers: []
  subagents: []
  commands: []
  settings: []
`,
    },
    { path: '.gitignore', content: GITIGNORE },
    { path: 'README.md', content: README },
    { path: '.vscode/settings.json', content: vscodeSettings(schemas) },
  ];
  for (const folder of [...COMPONENT_KINDS.map((k) => k.folder), 'projects', 'secrets', 'templates']) {
    files.push({ path: `${folder}/.gitkeep`, content: '' });
  }
  if (options.defaults) {
    const replaced = [defaultBaseProfile(schemas), defaultProject(schemas), ...defaultFiles(schemas)];
    const paths = new Set(replaced.map((f) => f.path));
    const folders = new Set(replaced.map((f) => f.path.slice(0, f.path.lastIndexOf('/'))));
    return [...files.filter((f) => !paths.has(f.path) && !(f.path.endsWith('/.gitkeep') && folders.has(f.path.slice(0, -'/.gitkeep'.length)))), ...replaced];
  }
  return files;
}

const GITIGNORE = `# Installed tools
node_modules/
# Never commit decrypted secrets; only secrets/*.age belongs in git.
*.decrypted
.env
# ccm's own scratch space (the build lock); never shared.
.ccm/
`;

const README = `# Agent configuration

This repository is the single source of truth for our Claude Code and Auto-Claude configuration,
managed with [ccm](https://www.npmjs.com/package/ccm-agent-config) (\`npm install --save-dev ccm-agent-config\`
gives the \`ccm\` command). Edit the YAML, then run \`npx ccm build\`.

| folder | what goes there | written into each project as |
|---|---|---|
| \`components/subagents/\` | subagents: \`<name>.yaml\` + \`<name>.md\` | \`.claude/agents/<name>.md\` |
| \`components/commands/\` | slash commands (subfolders namespace them) | \`.claude/commands/<name>.md\` |
| \`components/skills/<name>/\` | skills: \`skill.yaml\` + \`SKILL.md\` + supporting files | \`.claude/skills/<name>/\` |
| \`components/mcp-servers/\` | MCP servers | \`.mcp.json\` |
| \`components/hooks/\` | hooks | \`.claude/settings.json\` |
| \`components/settings/\` | settings fragments (permissions, env, …) | \`.claude/settings.json\` |
| \`components/claude-md/\` | \`CLAUDE.md\` sections | \`CLAUDE.md\` |
| \`components/output-styles/\` | output styles | \`.claude/output-styles/<name>.md\` |
| \`components/rules/\` | rules, optionally limited to \`paths\` | \`.claude/rules/<name>.md\` |
| \`components/auto-claude/\` | Auto-Claude prompts, agent configs, model profiles | the backend's \`prompts/\`, \`.auto-claude/.env\` |
| \`profiles/\` | named sets of components; \`ccm.config.yaml\` names the ones every project gets | |
| \`projects/\` | one file per project directory that gets the generated files (\`path: ../my-app\`) | |
| \`secrets/\` | age-encrypted values, one \`<NAME>.age\` per secret | |
| \`templates/\` | overrides of ccm's built-in templates | |

A component takes effect once a profile (or a project) selects it by name, e.g. in \`profiles/base.yaml\`:
\`components: { subagents: [reviewer] }\`.

Commands: \`npx ccm validate\` checks everything; \`npx ccm build\` writes the files into each project.
`;

function vscodeSettings(schemas: string): string {
  const map: Record<string, string[]> = {};
  const add = (kind: DocumentKind, glob: string): void => {
    (map[`./${posix.join(schemas, SCHEMA_FILE[kind])}`] ??= []).push(glob);
  };
  add('ccm.config', 'ccm.config.yaml');
  add('profile', 'profiles/*.yaml');
  add('project', 'projects/*.yaml');
  for (const k of COMPONENT_KINDS) add(k.kind, k.kind === 'skill' ? `${k.folder}/*/skill.yaml` : `${k.folder}/${k.nested ? '**/' : ''}*.yaml`);
  return JSON.stringify({ 'yaml.schemas': map }, null, 2) + '\n';
}
