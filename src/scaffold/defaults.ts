import { AGENT_DEFAULTS, type AgentDefaults } from '../core/auto-claude/agent-defaults.js';
import { APP_MODEL_PROFILES, modelProfileFields } from '../core/auto-claude/model-profiles.js';
import { toYaml } from '../render/engine.js';
import { schemaLine, type ScaffoldFile } from './init-files.js';
import { SETTINGS_SCHEMA_URL } from '../core/claude-settings.js';

/**
 * `ccm init --defaults`: a complete starting point built from facts about the runtimes — Auto-Claude's
 * agent types and model profiles as shipped (v2.7.5), and a small, safe Claude Code base. Prompt
 * texts are not shipped: they belong to Auto-Claude and come in with `ccm import auto-claude`.
 */
export function defaultFiles(schemas: string): ScaffoldFile[] {
  const files: ScaffoldFile[] = [];
  const yamlFile = (path: string, kind: Parameters<typeof schemaLine>[1], comment: string, value: unknown): void => {
    files.push({ path, content: `${schemaLine(path, kind, schemas)}\n${comment.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n')}\n${toYaml(value)}` });
  };

  for (const [type, d] of Object.entries(AGENT_DEFAULTS)) {
    yamlFile(`components/auto-claude/agent-configs/${type}.yaml`, 'auto-claude-agent-config',
      `Auto-Claude's built-in config of the "${type}" agent. Only MCP membership reaches the runtime:\nedit mcp_servers and ccm writes AGENT_MCP_${type}_ADD/_REMOVE into .auto-claude/.env.`,
      agentConfig(d));
  }

  for (const profile of APP_MODEL_PROFILES) {
    yamlFile(`components/auto-claude/model-profiles/${profile.id}.yaml`, 'auto-claude-model-profile',
      `Auto-Claude's "${profile.id}" agent profile; a project picks one with autoClaude.modelProfile.\nisAutoProfile is what the app writes for it (true for auto only).`, modelProfileFields(profile));
  }

  files.push({
    path: 'components/auto-claude/prompts/README.md',
    content: `# Auto-Claude prompts

ccm does not ship Auto-Claude's prompt texts (they belong to Auto-Claude). Import yours with

    ccm import auto-claude <path to Auto-Claude/apps/backend>

which writes one \`<name>.yaml\` + \`<name>.md\` here per prompt file (subfolders such as \`github/\` kept).
Until then no prompt is written into the backend.
`,
  });

  yamlFile('components/settings/base.yaml', 'settings', 'A safe Claude Code base: read-only git commands allowed, secrets never read.', {
    description: 'Safe defaults for every project',
    $schema: SETTINGS_SCHEMA_URL,
    permissions: {
      allow: ['Bash(git status *)', 'Bash(git diff *)', 'Bash(git log *)', 'Bash(npm test *)', 'Bash(npm run lint *)'],
      ask: ['Bash(git push *)'],
      deny: ['Read(./.env)', 'Read(./.env.*)', 'Read(./secrets/**)', 'Bash(rm -rf *)'],
    },
  });
  yamlFile('components/hooks/format-on-edit.yaml', 'hook', 'Formats every file Claude edits or writes with the project\'s Prettier (if it has one).', {
    description: 'Run Prettier on edited files',
    hooks: {
      PostToolUse: [
        {
          matcher: 'Edit|Write|MultiEdit',
          hooks: [{ type: 'command', command: "jq -r '.tool_input.file_path // empty' | xargs -r npx --no-install prettier --write --ignore-unknown", timeout: 30 }],
        },
      ],
    },
  });
  yamlFile('components/claude-md/overview.yaml', 'claude-md', 'The first section of every CLAUDE.md; the body is a Handlebars template using the project\'s variables.', {
    description: 'Project overview',
    order: 10,
    template: true,
  });
  files.push({
    path: 'components/claude-md/overview.md',
    content: `# {{vars.projectName}}

{{vars.summary}}

## Commands

- Test: \`{{vars.testCommand}}\`
- Lint: \`{{vars.lintCommand}}\`

Run the tests and the linter before you say a change is done.
`,
  });
  yamlFile('components/claude-md/conventions.yaml', 'claude-md', 'Team conventions, literal Markdown.', { description: 'Conventions', order: 20 });
  files.push({
    path: 'components/claude-md/conventions.md',
    content: `## Conventions

- Keep changes small and focused; one concern per commit, with a message that says why.
- Add or update tests with every behaviour change.
- Never commit secrets; they live in the config repo's \`secrets/\`, encrypted.
`,
  });
  return files;
}

/** profiles/base.yaml for `--defaults`: everything above, selected for every project. */
export function defaultBaseProfile(schemas: string): ScaffoldFile {
  const path = 'profiles/base.yaml';
  return {
    path,
    content: `${schemaLine(path, 'profile', schemas)}
# Components every project gets (ccm.config.yaml lists this profile in defaults.profiles).
${toYaml({
  description: 'Claude Code base and Auto-Claude agent setup',
  components: {
    settings: ['base'],
    hooks: ['format-on-edit'],
    'claude-md': ['overview', 'conventions'],
    'agent-configs': Object.keys(AGENT_DEFAULTS),
  },
  variables: { projectName: 'My project', summary: 'Describe the project in one or two sentences.', testCommand: 'npm test', lintCommand: 'npm run lint' },
})}`,
  };
}

/** projects/my-app.yaml for `--defaults`, so that `ccm build` right after init produces a full layout. */
export function defaultProject(schemas: string): ScaffoldFile {
  const path = 'projects/my-app.yaml';
  return {
    path,
    content: `${schemaLine(path, 'project', schemas)}
# A project: the directory that receives .claude/, .mcp.json, CLAUDE.md and .auto-claude/.env.
# Point path at your repository (relative to this config repo, or absolute) and rename the file.
${toYaml({
  description: 'My application',
  path: '../my-app',
  variables: { projectName: 'My app' },
  autoClaude: { modelProfile: 'balanced', useClaudeMd: true, mcp: { context7: true, linear: false, electron: false, puppeteer: false } },
})}`,
  };
}

function agentConfig(d: AgentDefaults): Record<string, unknown> {
  const out: Record<string, unknown> = { tools: [...d.tools], mcp_servers: [...d.mcp_servers] };
  if (d.mcp_servers_optional.length) out['mcp_servers_optional'] = [...d.mcp_servers_optional];
  if (d.auto_claude_tools.length) out['auto_claude_tools'] = [...d.auto_claude_tools];
  out['thinking_default'] = d.thinking_default;
  return out;
}
