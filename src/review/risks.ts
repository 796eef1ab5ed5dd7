import { ALLOWLIST_PATH, allowlistCommands } from '../core/auto-claude/project-files.js';
import type { OutputFile, OutputRoot, SpecMetadataPatch } from '../render/types.js';
import { stringList as strings } from '../core/values.js';
import { yamlLib } from '../core/yaml-lib.js';

/**
 * What a change to the generated files changes in the agents' behaviour, for a reviewer: rules
 * that let an agent do more, commands that will run, servers it will talk to, prompts and models.
 * Pure: takes the rendered targets before and after (e.g. at a base commit and in the working
 * tree) and returns findings, most severe first. Narrowing changes (a rule removed from `allow`, a
 * `deny` added) are not risks and are not reported. Files holding secrets are only described by
 * key names, never by values.
 */

export type RiskKind =
  | 'permission' // allow rules added, ask or deny rules removed, additionalDirectories, command allowed-tools
  | 'permission-mode' // defaultMode / permissionMode widened, bypass no longer disabled
  | 'hook' // hooks anywhere, and settings that run a command (apiKeyHelper, statusLine, …): commands Claude Code runs by itself
  | 'mcp-server' // MCP servers added or pointed elsewhere (.mcp.json, subagents, CUSTOM_MCP_SERVERS)
  | 'agent-mcp' // Auto-Claude's MCP servers per agent type and built-in server toggles (.auto-claude/.env)
  | 'subagent' // new subagents, subagents given more tools
  | 'prompt' // Auto-Claude prompts and subagent system prompts
  | 'instructions' // CLAUDE.md, rules, output styles, commands, skills: text the model reads
  | 'script' // skill supporting files that can be executed
  | 'model' // model and thinking: settings, subagents, commands, skills, Auto-Claude model profile
  | 'env'; // environment variables Claude Code or Auto-Claude get

export type RiskSeverity = 'high' | 'medium' | 'low';

export interface Risk {
  kind: RiskKind;
  severity: RiskSeverity;
  /** Project name, or `(backend)` for the Auto-Claude backend. */
  project: string;
  /** Output path inside the project (or backend). */
  path: string;
  detail: string;
}

/** One output root as rendered: what `compile` returns as a target. */
export interface RiskTarget {
  root: OutputRoot;
  files: readonly OutputFile[];
  specPatch?: SpecMetadataPatch;
}

export const BACKEND_KEY = '(backend)';

/** How a root is matched between two checkouts: by project name, never by directory. */
export function rootKey(root: OutputRoot): string {
  return root.kind === 'project' ? root.project : BACKEND_KEY;
}

/** The virtual path under which the model-profile keys of spec folders are compared. */
export const SPEC_PATCH_PATH = '.auto-claude/specs/*/task_metadata.json';

const SEVERITY_ORDER: Record<RiskSeverity, number> = { high: 0, medium: 1, low: 2 };

export function analyzeRisks(before: readonly RiskTarget[], after: readonly RiskTarget[]): Risk[] {
  const risks: Risk[] = [];
  const beforeByKey = new Map(before.map((t) => [rootKey(t.root), t]));
  for (const target of after) {
    const project = rootKey(target.root);
    const old = beforeByKey.get(project);
    const oldFiles = new Map((old?.files ?? []).map((f) => [f.path, f]));
    const add = (kind: RiskKind, severity: RiskSeverity, path: string, detail: string): void => {
      risks.push({ kind, severity, project, path, detail });
    };
    for (const file of target.files) {
      const prev = oldFiles.get(file.path);
      if (prev && sameContent(prev, file)) continue;
      fileRisks(target.root.kind, file, prev, add);
    }
    if (target.root.kind === 'backend') {
      const now = new Set(target.files.map((f) => f.path));
      for (const path of oldFiles.keys()) {
        if (isPromptPath(path) && !now.has(path)) add('prompt', 'medium', path, 'prompt removed: Auto-Claude falls back to no prompt file here');
      }
    }
    specRisks(old?.specPatch, target.specPatch, (severity, detail) => add('model', severity, SPEC_PATCH_PATH, detail));
  }
  return risks.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.project, b.project) ||
      cmp(a.path, b.path) ||
      cmp(a.kind, b.kind) ||
      cmp(a.detail, b.detail),
  );
}

type Add = (kind: RiskKind, severity: RiskSeverity, path: string, detail: string) => void;

function fileRisks(rootKind: OutputRoot['kind'], file: OutputFile, prev: OutputFile | undefined, add: Add): void {
  const path = file.path;
  const created = prev === undefined;
  if (rootKind === 'backend') {
    if (isPromptPath(path)) add('prompt', 'medium', path, created ? 'new Auto-Claude prompt' : 'Auto-Claude prompt changed');
    return;
  }
  if ((file.secret || prev?.secret) && path !== '.auto-claude/.env') {
    add('instructions', 'low', path, created ? 'new file holding secrets (contents hidden)' : 'file holding secrets changed (contents hidden)');
    return;
  }
  if (path === '.claude/settings.json') return settingsRisks(json(prev), json(file) ?? {}, (k, s, d) => add(k, s, path, d));
  if (path === '.mcp.json') return mcpRisks(servers(json(prev)?.['mcpServers']), servers(json(file)?.['mcpServers']), '', (s, d) => add('mcp-server', s, path, d));
  if (path === '.auto-claude/.env') return envRisks(prev, file, (k, s, d) => add(k, s, path, d));
  if (/^\.claude\/agents\/.+\.md$/.test(path)) return subagentRisks(prev, file, (k, s, d) => add(k, s, path, d));
  if (/^\.claude\/commands\/.+\.md$/.test(path) || /^\.claude\/skills\/[^/]+\/SKILL\.md$/.test(path)) {
    return instructionFileRisks(prev, file, path.startsWith('.claude/commands/') ? 'command' : 'skill', (k, s, d) => add(k, s, path, d));
  }
  if (path.startsWith('.claude/skills/')) {
    if (isScript(path)) add('script', 'medium', path, created ? 'new skill script (the skill may run it)' : 'skill script changed (the skill may run it)');
    else add('instructions', 'low', path, created ? 'new skill file' : 'skill file changed');
    return;
  }
  // A chosen output style replaces Claude Code's system prompt (unless it keeps the coding instructions).
  if (/^\.claude\/output-styles\/.+\.md$/.test(path)) return add('instructions', 'medium', path, created ? 'new output style (a system prompt)' : 'output style changed (a system prompt)');
  if (/^\.claude\/rules\/.+\.md$/.test(path)) return add('instructions', 'low', path, created ? 'new rule' : 'rule changed');
  if (path === 'CLAUDE.md' || path.endsWith('/CLAUDE.md')) add('instructions', 'low', path, created ? 'new CLAUDE.md' : 'CLAUDE.md changed');
  // Each line lets Auto-Claude's agents run one more program in the project, as an allow rule does.
  if (path === ALLOWLIST_PATH) {
    for (const command of added(prev ? allowlistCommands(text(prev)) : [], allowlistCommands(text(file)))) add('permission', 'medium', path, `Auto-Claude agents may run ${command}`);
  }
}

// ---------------------------------------------------------------------------------------------
// .claude/settings.json

type Obj = Record<string, unknown>;

const READ_ONLY_TOOLS = new Set(['Read', 'Glob', 'Grep', 'LS', 'WebSearch', 'TodoWrite', 'TaskGet', 'TaskList', 'TaskOutput', 'ToolSearch', 'ExitPlanMode']);
const WIDE_MODES: Record<string, RiskSeverity> = { bypassPermissions: 'high', dontAsk: 'high', auto: 'medium', acceptEdits: 'medium' };

function settingsRisks(before: Obj | undefined, after: Obj, add: (kind: RiskKind, severity: RiskSeverity, detail: string) => void): void {
  const b = before ?? {};
  const pb = obj(b['permissions']);
  const pa = obj(after['permissions']);
  for (const rule of added(strings(pb['allow']), strings(pa['allow']))) add('permission', allowSeverity(rule), `allow rule added: ${rule}`);
  for (const rule of added(strings(pa['ask']), strings(pb['ask']))) add('permission', 'medium', `ask rule removed: ${rule} (no longer asks first)`);
  for (const rule of added(strings(pa['deny']), strings(pb['deny']))) add('permission', 'high', `deny rule removed: ${rule}`);
  for (const dir of added(strings(pb['additionalDirectories']), strings(pa['additionalDirectories']))) add('permission', 'medium', `additional directory: ${dir}`);
  modeRisk('defaultMode', pb['defaultMode'], pa['defaultMode'], (s, d) => add('permission-mode', s, d));
  if (pb['disableBypassPermissionsMode'] === 'disable' && pa['disableBypassPermissionsMode'] !== 'disable') {
    add('permission-mode', 'high', 'bypassPermissions mode is no longer disabled');
  }

  hookRisks(b['hooks'], after['hooks'], '', (d) => add('hook', 'high', d));
  for (const [key, command] of settingCommands(after)) {
    if (settingCommands(b).get(key) !== command) add('hook', 'high', `${key} runs \`${command}\`: ${COMMAND_SETTINGS[key] ?? 'a settings key that runs a command'}`);
  }
  if (b['disableAllHooks'] === true && after['disableAllHooks'] !== true) add('hook', 'high', 'hooks are no longer disabled (disableAllHooks)');
  for (const url of added(strings(b['allowedHttpHookUrls']), strings(after['allowedHttpHookUrls']))) add('hook', 'medium', `HTTP hooks may post to ${url}`);
  for (const name of added(strings(b['httpHookAllowedEnvVars']), strings(after['httpHookAllowedEnvVars']))) add('hook', 'medium', `HTTP hooks may send the environment variable ${name}`);
  if (obj(b['sandbox'])['enabled'] === true && obj(after['sandbox'])['enabled'] !== true) add('permission', 'high', 'sandbox is no longer enabled: commands run without the sandbox');
  if (pb['disableAutoMode'] === 'disable' && pa['disableAutoMode'] !== 'disable') add('permission-mode', 'medium', 'auto mode is no longer disabled');
  for (const [plugin, on] of Object.entries(obj(after['enabledPlugins']))) {
    if (on === true && obj(b['enabledPlugins'])[plugin] !== true) add('hook', 'high', `plugin enabled: ${plugin} (may bring hooks, MCP servers, commands and agents)`);
  }
  for (const name of Object.keys(obj(after['extraKnownMarketplaces']))) {
    if (!(name in obj(b['extraKnownMarketplaces']))) add('mcp-server', 'medium', `plugin marketplace added: ${name}`);
  }

  if (after['enableAllProjectMcpServers'] === true && b['enableAllProjectMcpServers'] !== true) {
    add('mcp-server', 'medium', 'enableAllProjectMcpServers: every server in .mcp.json starts without approval');
  }
  for (const name of added(strings(b['enabledMcpjsonServers']), strings(after['enabledMcpjsonServers']))) add('mcp-server', 'low', `MCP server approved in advance: ${name}`);

  if (after['model'] !== b['model']) add('model', 'medium', `model: ${show(b['model'])} → ${show(after['model'])}`);
  if (after['effortLevel'] !== b['effortLevel']) add('model', 'low', `effortLevel: ${show(b['effortLevel'])} → ${show(after['effortLevel'])}`);

  const envBefore = obj(b['env']);
  for (const [k, v] of Object.entries(obj(after['env']))) {
    if (envBefore[k] === v) continue;
    const reason = envRisk(k);
    add('env', reason ? 'high' : 'low', `env ${k}: ${show(envBefore[k])} → ${show(v)}${reason ? ` (${reason})` : ''}`);
  }
}

/**
 * Settings keys whose value is a command Claude Code runs by itself, with why it matters. A string
 * value is the command; an object value runs its `command` when its `type` is `command`.
 */
export const COMMAND_SETTINGS: Readonly<Record<string, string>> = {
  apiKeyHelper: 'its output is the API key sent with every model request',
  awsAuthRefresh: 'runs to refresh AWS credentials for Bedrock, its output shown to the user',
  awsCredentialExport: 'runs to produce AWS credentials for Bedrock',
  gcpAuthRefresh: 'runs to refresh Google Cloud credentials for Vertex AI',
  otelHeadersHelper: 'its output becomes the headers of OpenTelemetry exports',
  statusLine: 'runs again and again to draw the status line',
  fileSuggestion: 'runs to suggest files for @ mentions',
};

/** Every command a settings file makes Claude Code run outside hooks: the table above, and any other key shaped like one. */
function settingCommands(settings: Obj): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'hooks' || key === 'env' || key === 'permissions') continue;
    if (typeof value === 'string' && (key in COMMAND_SETTINGS || /(Helper|Command)$/.test(key))) out.set(key, value);
    const o = obj(value);
    if (o['type'] === 'command' && typeof o['command'] === 'string') out.set(key, o['command']);
  }
  return out;
}

/**
 * Environment variables that change which program runs, what it loads, where requests go or which
 * certificates are trusted, each with why. One table for Claude Code's settings `env`, Auto-Claude's
 * .env and the env of MCP servers; any of them set or changed is high.
 */
export const RISKY_ENV: readonly { name: string | RegExp; reason: string }[] = [
  { name: 'PATH', reason: 'changes which program runs for every command' },
  { name: 'LD_PRELOAD', reason: 'loads a library into every program' },
  { name: 'LD_LIBRARY_PATH', reason: 'changes where programs load libraries from' },
  { name: 'LD_AUDIT', reason: 'loads an audit library into every program' },
  { name: /^DYLD_/, reason: 'macOS: loads or redirects libraries of every program' },
  { name: 'NODE_OPTIONS', reason: 'adds flags such as --require to every Node.js process, Claude Code included' },
  { name: 'NODE_PATH', reason: 'changes where Node.js finds modules' },
  { name: /^PYTHON(PATH|STARTUP|HOME|USERBASE)$/, reason: 'changes which Python code is imported or run at start' },
  { name: 'BASH_ENV', reason: 'bash runs this file before every script' },
  { name: 'ENV', reason: 'sh runs this file at start' },
  { name: 'ZDOTDIR', reason: 'zsh reads its start-up files from here' },
  { name: 'PROMPT_COMMAND', reason: 'bash runs this before every prompt' },
  { name: /^PERL5(OPT|LIB)$|^PERLLIB$/, reason: 'adds modules or options to every perl' },
  { name: /^RUBY(OPT|LIB)$/, reason: 'adds libraries or options to every ruby' },
  { name: /^(JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS)$/, reason: 'adds flags such as -javaagent to every JVM' },
  { name: 'DOTNET_STARTUP_HOOKS', reason: 'loads assemblies into every .NET program' },
  { name: /^GIT_(SSH|SSH_COMMAND|ASKPASS|EXEC_PATH|EDITOR|PAGER|EXTERNAL_DIFF|PROXY_COMMAND)$/, reason: 'git runs this program' },
  { name: /^GIT_CONFIG(_GLOBAL|_SYSTEM|_PARAMETERS|_COUNT|_KEY_\d+|_VALUE_\d+)?$/, reason: 'changes git configuration (aliases, hooks path, ssh command)' },
  { name: /^(SSH_ASKPASS|EDITOR|VISUAL|PAGER|BROWSER|SHELL)$/, reason: 'another program runs in its place' },
  { name: /^CLAUDE_CODE_SHELL(_PREFIX)?$/, reason: 'changes the shell, or wraps every command Claude Code runs' },
  { name: /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE)$/, reason: 'trusts other TLS certificates' },
  { name: 'NODE_TLS_REJECT_UNAUTHORIZED', reason: 'turns TLS certificate checks off' },
  { name: /(_BASE_URL|_PROXY|^NO_PROXY)$/i, reason: 'requests, with their credentials, go elsewhere' },
  { name: /(API_KEY|_TOKEN)$/i, reason: 'changes the credentials in use' },
];

/** Why setting this variable is high, or undefined when it is not in RISKY_ENV. */
export function envRisk(name: string): string | undefined {
  return RISKY_ENV.find((e) => (typeof e.name === 'string' ? e.name === name : e.name.test(name)))?.reason;
}

function allowSeverity(rule: string): RiskSeverity {
  const m = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(rule);
  if (!m) return rule.startsWith('mcp__') ? (rule.split('__').length > 2 ? 'low' : 'medium') : 'medium';
  const [, tool, spec] = m;
  if (spec === undefined || /^\s*\*+\s*$/.test(spec) || spec.trim() === '') return READ_ONLY_TOOLS.has(tool!) ? 'medium' : 'high';
  if (READ_ONLY_TOOLS.has(tool!)) return 'low';
  if ((tool === 'Bash' || tool === 'PowerShell') && /^\s*\*/.test(spec)) return 'high';
  return 'medium';
}

function modeRisk(field: string, before: unknown, after: unknown, add: (severity: RiskSeverity, detail: string) => void): void {
  if (after === before || typeof after !== 'string') return;
  const severity = WIDE_MODES[after];
  if (severity) add(severity, `${field}: ${show(before)} → ${after}`);
}

interface HookEntry {
  key: string;
  event: string;
  matcher: string;
  what: string;
}

/** New or changed hooks of a settings-style `hooks` object: every one is high, whatever its type. */
function hookRisks(before: unknown, after: unknown, where: string, add: (detail: string) => void): void {
  const had = new Set(hookEntries(before).map((h) => h.key));
  for (const h of hookEntries(after)) {
    if (!had.has(h.key)) add(`new or changed ${where}${h.event} hook${h.matcher ? ` (matcher ${h.matcher})` : ''}: ${h.what}`);
  }
}

/** Every single hook of a settings-style `hooks` object, with a stable identity. */
function hookEntries(hooks: unknown): HookEntry[] {
  const out: HookEntry[] = [];
  for (const [event, groups] of Object.entries(obj(hooks))) {
    if (!Array.isArray(groups)) continue;
    for (const group of groups) {
      const matcher = typeof obj(group)['matcher'] === 'string' ? (obj(group)['matcher'] as string) : '';
      const list = obj(group)['hooks'];
      if (!Array.isArray(list)) continue;
      for (const hook of list) {
        const h = obj(hook);
        out.push({ key: JSON.stringify([event, matcher, h]), event, matcher, what: describeHook(h) });
      }
    }
  }
  return out;
}

function describeHook(h: Obj): string {
  const cond = typeof h['if'] === 'string' ? ` (if ${h['if']})` : '';
  switch (h['type']) {
    case 'command': {
      const args = Array.isArray(h['args']) ? ` ${h['args'].map(String).join(' ')}` : '';
      return `runs \`${String(h['command'])}${args}\`${cond}`;
    }
    case 'http':
      return `posts to ${String(h['url'])}${cond}`;
    case 'mcp_tool':
      return `calls MCP tool ${String(h['server'])}/${String(h['tool'])}${cond}`;
    case 'prompt':
    case 'agent':
      return `${String(h['type'])} hook${typeof h['model'] === 'string' ? ` on ${h['model']}` : ''}: ${clip(String(h['prompt'] ?? ''))}${cond}`;
    default:
      return `${String(h['type'] ?? 'unknown')} hook${cond}`;
  }
}

// ---------------------------------------------------------------------------------------------
// MCP servers (.mcp.json, subagent frontmatter)

function servers(value: unknown): Map<string, Obj> {
  return new Map(Object.entries(obj(value)).map(([k, v]) => [k, obj(v)]));
}

function mcpRisks(before: Map<string, Obj>, after: Map<string, Obj>, where: string, add: (severity: RiskSeverity, detail: string) => void): void {
  for (const [name, server] of after) {
    const prev = before.get(name);
    const target = serverTarget(server);
    const helper = typeof server['headersHelper'] === 'string' ? server['headersHelper'] : undefined;
    const risky = Object.keys(obj(server['env'])).filter((k) => envRisk(k) && JSON.stringify(obj(server['env'])[k]) !== JSON.stringify(obj(prev?.['env'])[k]));
    const envNote = risky.length ? `; sets ${risky.map((k) => `${k} (${envRisk(k)!})`).join(', ')}` : '';
    if (!prev) {
      add('high', `new MCP server "${name}"${where} (${target.type}): ${target.text}${helper ? `; headersHelper runs \`${helper}\`` : ''}${envNote}`);
      continue;
    }
    const old = serverTarget(prev);
    if (old.text !== target.text || old.type !== target.type) {
      add('high', `MCP server "${name}"${where} changed: ${old.type} ${old.text} → ${target.type} ${target.text}`);
    }
    if (helper !== undefined && helper !== prev['headersHelper']) add('high', `MCP server "${name}"${where}: headersHelper runs \`${helper}\``);
    if (risky.length) add('high', `MCP server "${name}"${where} env${envNote.slice(1)}`);
    const keys = Object.keys({ ...prev, ...server }).filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(server[k]));
    const rest = keys.filter((k) => !['type', 'command', 'args', 'url', 'headersHelper'].includes(k) && !(k === 'env' && risky.length));
    if (rest.length) add('low', `MCP server "${name}"${where} changed: ${rest.join(', ')}`);
  }
}

function serverTarget(server: Obj): { type: string; remote: boolean; text: string } {
  const type = typeof server['type'] === 'string' ? server['type'] : 'stdio';
  if (type === 'http' || type === 'sse' || type === 'ws') return { type, remote: true, text: String(server['url']) };
  const args = Array.isArray(server['args']) ? server['args'].map(String) : [];
  return { type, remote: false, text: `runs \`${[String(server['command']), ...args].join(' ')}\`` };
}

// ---------------------------------------------------------------------------------------------
// .claude/agents/*.md, commands and skills

function subagentRisks(prev: OutputFile | undefined, file: OutputFile, add: (kind: RiskKind, severity: RiskSeverity, detail: string) => void): void {
  const a = frontmatter(file);
  const b = prev ? frontmatter(prev) : undefined;
  const fa = a.data;
  const fb = b?.data ?? {};
  if (!b) {
    add('subagent', 'medium', `new subagent ${String(fa['name'] ?? file.path)}: tools ${fa['tools'] === undefined ? 'all' : toolList(fa['tools']).join(', ')}, model ${show(fa['model'] ?? 'inherit')}`);
  } else {
    if (fb['tools'] !== undefined && fa['tools'] === undefined) add('subagent', 'high', 'tools: limited → all tools');
    else if (fa['tools'] !== undefined) {
      for (const tool of added(toolList(fb['tools']), toolList(fa['tools']))) add('subagent', 'medium', `tool added: ${tool}`);
    }
    for (const tool of added(toolList(fa['disallowedTools']), toolList(fb['disallowedTools']))) add('subagent', 'medium', `no longer disallowed: ${tool}`);
    if (fa['model'] !== fb['model']) add('model', 'medium', `subagent model: ${show(fb['model'] ?? 'inherit')} → ${show(fa['model'] ?? 'inherit')}`);
    if (fa['effort'] !== fb['effort']) add('model', 'low', `subagent effort: ${show(fb['effort'])} → ${show(fa['effort'])}`);
    if (b.body !== a.body) add('prompt', 'medium', 'subagent system prompt changed');
  }
  modeRisk('permissionMode', fb['permissionMode'], fa['permissionMode'], (s, d) => add('permission-mode', s, d));
  const inlineBefore = subagentServers(fb['mcpServers']);
  const inlineAfter = subagentServers(fa['mcpServers']);
  for (const name of added([...inlineBefore.names], [...inlineAfter.names])) if (b) add('mcp-server', 'low', `subagent uses MCP server ${name}`);
  mcpRisks(inlineBefore.inline, inlineAfter.inline, ' (inline in subagent)', (s, d) => add('mcp-server', s, d));
  hookRisks(fb['hooks'], fa['hooks'], 'subagent ', (d) => add('hook', 'high', d));
}

function subagentServers(value: unknown): { names: Set<string>; inline: Map<string, Obj> } {
  const names = new Set<string>();
  const inline = new Map<string, Obj>();
  for (const entry of Array.isArray(value) ? value : []) {
    if (typeof entry === 'string') names.add(entry);
    else for (const [k, v] of Object.entries(obj(entry))) inline.set(k, obj(v));
  }
  return { names, inline };
}

function instructionFileRisks(prev: OutputFile | undefined, file: OutputFile, what: 'command' | 'skill', add: (kind: RiskKind, severity: RiskSeverity, detail: string) => void): void {
  const a = frontmatter(file);
  const b = prev ? frontmatter(prev) : undefined;
  const before = b ? toolList(b.data['allowed-tools']) : [];
  for (const rule of added(before, toolList(a.data['allowed-tools']))) add('permission', allowSeverity(rule), `${what} allowed-tools added: ${rule}`);
  hookRisks(b?.data['hooks'], a.data['hooks'], `${what} `, (d) => add('hook', 'high', d));
  for (const cmd of added(b ? inlineCommands(b.body) : [], inlineCommands(a.body))) add('hook', 'medium', `${what} runs \`${cmd}\` each time it is used (if its allowed-tools permit)`);
  if (b && a.data['model'] !== b.data['model']) add('model', 'low', `${what} model: ${show(b.data['model'] ?? 'inherit')} → ${show(a.data['model'] ?? 'inherit')}`);
  if (!b) add('instructions', 'low', `new ${what}`);
  else if (a.body !== b.body) add('instructions', 'low', `${what} text changed`);
}

// ---------------------------------------------------------------------------------------------
// .auto-claude/.env

function envRisks(prev: OutputFile | undefined, file: OutputFile, add: (kind: RiskKind, severity: RiskSeverity, detail: string) => void): void {
  const hidden = file.secret === true || prev?.secret === true;
  const before = prev ? dotenv(text(prev)) : new Map<string, string>();
  const after = dotenv(text(file));
  const value = (v: string | undefined): string => (hidden ? '(hidden)' : v === undefined ? '(unset)' : v || '(empty)');
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(key);
    const a = after.get(key);
    if (a === b) continue;
    if (/^AGENT_MCP_.+_(ADD|REMOVE)$/.test(key)) {
      add('agent-mcp', 'medium', hidden ? `${key} changed` : `${key}: ${value(b)} → ${value(a)}`);
    } else if (/_MCP_ENABLED$/.test(key)) {
      add('agent-mcp', a === 'true' ? 'medium' : 'low', `${key}: ${value(b)} → ${value(a)}`);
    } else if (key === 'CUSTOM_MCP_SERVERS') {
      if (hidden) add('mcp-server', 'medium', 'CUSTOM_MCP_SERVERS changed');
      else mcpRisks(customServers(b), customServers(a), ' (Auto-Claude custom)', (s, d) => add('mcp-server', s, d));
    } else {
      const reason = a === undefined ? undefined : envRisk(key);
      const change = hidden ? `${key} changed` : `${key}: ${value(b)} → ${value(a)}`;
      add('env', reason ? 'high' : /_URL$/.test(key) ? 'medium' : 'low', reason ? `${change} (${reason})` : change);
    }
  }
}

/** KEY=value lines of a .env file; single or double quotes around a value are removed. */
function dotenv(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of content.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!.trim();
    if (v.length >= 2 && (v[0] === "'" || v[0] === '"') && v[v.length - 1] === v[0]) v = v.slice(1, -1);
    out.set(m[1]!, v);
  }
  return out;
}

/** CUSTOM_MCP_SERVERS (a JSON list of `{id, type: command|http, command, args, url}`) as .mcp.json-like servers. */
function customServers(value: string | undefined): Map<string, Obj> {
  const out = new Map<string, Obj>();
  let list: unknown;
  try {
    list = value ? JSON.parse(value) : [];
  } catch {
    return out;
  }
  for (const entry of Array.isArray(list) ? list : []) {
    const e = obj(entry);
    if (typeof e['id'] !== 'string') continue;
    out.set(e['id'], e['type'] === 'http' ? { ...e, type: 'http' } : { ...e, type: 'stdio' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// model profile of the spec folders

function specRisks(before: SpecMetadataPatch | undefined, after: SpecMetadataPatch | undefined, add: (severity: RiskSeverity, detail: string) => void): void {
  const b = flatten(before?.set ?? {});
  const a = flatten(after?.set ?? {});
  const changes: string[] = [];
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    if (b[key] !== a[key]) changes.push(`${key} ${show(b[key])} → ${show(a[key])}`);
  }
  if (changes.length) add('medium', `model profile of spec folders: ${changes.join('; ')}`);
  if (before && after && before.specs !== after.specs) add('low', `model profile applies to ${after.specs} spec folders (was ${before.specs})`);
}

function flatten(value: Obj, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Obj, key));
    else out[key] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// helpers

const dec = new TextDecoder();

function text(file: OutputFile): string {
  return typeof file.content === 'string' ? file.content : dec.decode(file.content);
}

function sameContent(a: OutputFile, b: OutputFile): boolean {
  return text(a) === text(b) && a.secret === b.secret;
}

function json(file: OutputFile | undefined): Obj | undefined {
  if (!file) return undefined;
  try {
    const v = JSON.parse(text(file)) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
  } catch {
    return undefined;
  }
}

function frontmatter(file: OutputFile): { data: Obj; body: string } {
  const t = text(file);
  const m = /^---\n([\s\S]*?)\n?---\n?([\s\S]*)$/.exec(t);
  if (!m) return { data: {}, body: t };
  try {
    return { data: obj(yamlLib().parse(m[1]!)), body: m[2]! };
  } catch {
    return { data: {}, body: t };
  }
}

/** A tools field: a YAML list, or one string with commas between entries (not inside parentheses). */
export function toolList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).map((s) => s.trim()).filter(Boolean);
  if (typeof value !== 'string') return [];
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter(Boolean);
}

function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

/** Entries of `after` that are not in `before`, in `after`'s order. */
function added(before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before);
  return after.filter((x) => !had.has(x));
}

function isPromptPath(path: string): boolean {
  return path.startsWith('prompts/') && path.endsWith('.md');
}

function isScript(path: string): boolean {
  return /\.(sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|ps1)$/.test(path) || /\/scripts\//.test(path);
}

function show(v: unknown): string {
  if (v === undefined) return '(unset)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function clip(s: string, n = 100): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Shell commands a command or skill body runs when used: `` !`cmd` ``. */
function inlineCommands(body: string): string[] {
  return [...body.matchAll(/!`([^`\n]+)`/g)].map((m) => m[1]!.trim());
}
