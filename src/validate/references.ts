import { didYouMeanOr, nearest } from '../core/did-you-mean.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { KIND_INFO, NAME_SEGMENT, SELECTION_KINDS, type ComponentKind, type SelectionKey } from '../core/kinds.js';
import { AGENT_DEFAULTS, AGENT_TYPES, normalizeAutoClaudeTool } from '../core/auto-claude/agent-defaults.js';
import { conflictMarkerLine } from '../core/auto-claude/conflict-markers.js';
import type { ComponentSelection } from '../generated/index.js';
import { hasComponentFile, hasProfileFile, type ConfigRepo } from '../load/model.js';
import { positionOf, type PathSegment, type YamlFile } from '../load/yaml-file.js';
import { isMapping, stringList } from '../core/values.js';
import { BUILT_IN_OUTPUT_STYLES, isBuiltInOutputStyle } from '../core/claude-settings.js';
import { mcpServerOfRule, namedInRule } from '../core/permission-rules.js';

/** A list of strings, or one string standing for a list of one (`tools: Read`). */
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : stringList(v));

/** Cross-reference checks. `usable` says whether a file passed its schema (others are skipped to avoid noise). */
export function referenceDiagnostics(repo: ConfigRepo, usable: (file: YamlFile) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const profileNames = [...repo.profiles.keys()];

  const checkProfileRefs = (file: YamlFile, path: PathSegment[], names: readonly string[] | undefined): void => {
    (names ?? []).forEach((name, i) => {
      if (!hasProfileFile(repo, name)) {
        out.push(error('UNKNOWN_PROFILE', `unknown profile "${name}"`, positionOf(file, [...path, i]), didYouMeanOr(name, profileNames, `create profiles/${name}.yaml`)));
      }
    });
  };

  const checkSelection = (file: YamlFile, selection: ComponentSelection | undefined): void => {
    for (const [key, kind] of Object.entries(SELECTION_KINDS) as [SelectionKey, ComponentKind][]) {
      const known: ReadonlyMap<string, unknown> = repo.components[kind];
      (selection?.[key] ?? []).forEach((name, i) => {
        if (!hasComponentFile(repo, kind, name)) {
          out.push(error('UNKNOWN_COMPONENT', `unknown ${KIND_INFO[kind].noun} "${name}"`, positionOf(file, ['components', key, i]),
            didYouMeanOr(name, [...known.keys()], `create ${KIND_INFO[kind].folder}/${name}${kind === 'skill' ? '/skill.yaml' : '.yaml'}`)));
        }
      });
    }
  };

  if (repo.config && usable(repo.config)) {
    checkProfileRefs(repo.config, ['defaults', 'profiles'], repo.config.value.defaults?.profiles);
  }

  for (const [name, file] of repo.profiles) {
    if (!usable(file)) continue;
    checkProfileRefs(file, ['extends'], file.value.extends);
    checkSelection(file, file.value.components);
    const cycle = findCycle(repo, name);
    if (cycle) {
      out.push(error('PROFILE_CYCLE', `profile "${name}" extends itself through ${cycle.join(' → ')}`, positionOf(file, ['extends']),
        'remove one of the `extends` entries so that the chain ends'));
    }
  }

  const modelProfiles = repo.components['auto-claude-model-profile'];
  for (const file of repo.projects.values()) {
    if (!usable(file)) continue;
    checkProfileRefs(file, ['profiles'], file.value.profiles);
    checkSelection(file, file.value.components);
    const mp = file.value.autoClaude?.modelProfile;
    if (mp !== undefined && !hasComponentFile(repo, 'auto-claude-model-profile', mp)) {
      out.push(error('UNKNOWN_MODEL_PROFILE', `unknown Auto-Claude model profile "${mp}"`, positionOf(file, ['autoClaude', 'modelProfile']),
        didYouMeanOr(mp, [...modelProfiles.keys()], `create components/auto-claude/model-profiles/${mp}.yaml`)));
    }
  }

  checkComponents(repo, usable, out);
  checkSecrets(repo, usable, out);
  return out;
}

function checkComponents(repo: ConfigRepo, usable: (file: YamlFile) => boolean, out: Diagnostic[]): void {
  const { components } = repo;
  const mcpNames = [...components['mcp-server'].keys()];
  const skillNames = [...components.skill.keys()];

  for (const c of components.subagent.values()) {
    if (!usable(c.file)) continue;
    (c.file.value.skills ?? []).forEach((s, i) => {
      if (hasComponentFile(repo, 'skill', s)) return;
      out.push(unresolved(c.file, ['skills', i], s, skillNames, {
        code: 'UNKNOWN_SKILL', what: `subagent "${c.name}" preloads skill "${s}"`, kind: 'skill',
        elsewhere: 'a personal skill (~/.claude/skills) or a plugin skill', create: `create components/skills/${s}/skill.yaml`,
      }));
    });
    const servers = c.file.value.mcpServers;
    if (servers) {
      servers.forEach((s, i) => {
        if (typeof s !== 'string' || hasComponentFile(repo, 'mcp-server', s)) return;
        out.push(unresolved(c.file, ['mcpServers', i], s, mcpNames, {
          code: 'UNKNOWN_MCP_SERVER', what: `subagent "${c.name}" names MCP server "${s}"`, kind: 'MCP server',
          elsewhere: 'a user-scope server, a plugin server or a claude.ai connector', create: `create components/mcp-servers/${s}.yaml, or define it inline as {${s}: {...}}`,
        }));
      });
    }
  }

  checkNameOverrides(repo, 'subagent', usable, out);
  checkNameOverrides(repo, 'skill', usable, out);
  checkNameOverrides(repo, 'output-style', usable, out);
  // Over every file, schema-valid or not: a `name` of another type stands for no name.
  const styleNames = [...components['output-style'].values()].map((c) => (typeof c.file.value.name === 'string' ? c.file.value.name : c.name));

  const agentNames = [...components.subagent.values()].map((c) => (typeof c.file.value.name === 'string' ? c.file.value.name : c.name));
  // Looked up once per permission rule and setting: a Set keeps that linear in the number of subagents.
  const agentSet = new Set(agentNames);
  const skillSet = new Set(skillNames);
  const styleSet = new Set(styleNames);
  for (const c of components.settings.values()) {
    if (!usable(c.file)) continue;
    const permissions = c.file.value.permissions;
    if (permissions) {
      for (const list of ['allow', 'ask', 'deny'] as const) {
        (permissions[list] ?? []).forEach((rule, i) => {
          const named = namedInRule(rule);
          if (named) {
            const { kind, name } = named;
            const defined = kind === 'Agent' ? agentNames : skillNames;
            if ((kind === 'Agent' ? agentSet : skillSet).has(name) || (kind === 'Agent' && BUILT_IN_AGENTS.has(name))) return;
            if (hasComponentFile(repo, kind === 'Agent' ? 'subagent' : 'skill', name)) return;
            out.push(unresolved(c.file, ['permissions', list, i], name, defined, {
              code: 'UNKNOWN_COMPONENT', what: `permission rule "${rule}" names ${kind === 'Agent' ? 'subagent' : 'skill'} "${name}"`, kind: kind === 'Agent' ? 'subagent' : 'skill',
              elsewhere: kind === 'Agent' ? 'a personal or plugin subagent' : 'a personal, plugin or bundled skill',
              create: kind === 'Agent' ? `create components/subagents/${name}.yaml` : `create components/skills/${name}/skill.yaml`,
            }));
            return;
          }
          const server = mcpServerOfRule(rule);
          if (server === undefined || server.includes('*') || hasComponentFile(repo, 'mcp-server', server)) return;
          out.push(unresolved(c.file, ['permissions', list, i], server, mcpNames, {
            code: 'PERMISSION_UNKNOWN_MCP', what: `permission rule "${rule}" names MCP server "${server}"`, kind: 'MCP server',
            elsewhere: 'a built-in server such as ide, a user-scope or plugin server, or a claude.ai connector', create: `create components/mcp-servers/${server}.yaml`,
          }));
        });
      }
    }
    const style = c.file.value.outputStyle;
    if (style !== undefined && !styleSet.has(style) && !isBuiltInOutputStyle(style) && !hasComponentFile(repo, 'output-style', style)) {
      out.push(unresolved(c.file, ['outputStyle'], style, [...styleNames, ...BUILT_IN_OUTPUT_STYLES], {
        code: 'UNKNOWN_OUTPUT_STYLE', what: `settings choose output style "${style}"`, kind: 'output style',
        elsewhere: 'a personal style (~/.claude/output-styles) or a plugin style',
        create: `create components/output-styles/${NAME_SEGMENT.test(style) ? style : '<name>'}.yaml${NAME_SEGMENT.test(style) ? '' : ` with name: ${JSON.stringify(style)}`} and its .md body`,
      }));
    }
    const agent = c.file.value.agent;
    if (agent !== undefined && !agentSet.has(agent) && !BUILT_IN_AGENTS.has(agent) && !hasComponentFile(repo, 'subagent', agent)) {
      out.push(unresolved(c.file, ['agent'], agent, agentNames, {
        code: 'UNKNOWN_COMPONENT', what: `settings run subagent "${agent}" as the main thread`, kind: 'subagent',
        elsewhere: 'a personal subagent (~/.claude/agents), a plugin subagent or a built-in one', create: `create components/subagents/${agent}.yaml`,
      }));
    }
  }
  for (const c of components.hook.values()) {
    if (!usable(c.file)) continue;
    walk(c.file.value['hooks'], ['hooks'], (value, path) => {
      if (!isMapping(value) || value['type'] !== 'mcp_tool' || typeof value['server'] !== 'string') return;
      const server = value['server'];
      if (hasComponentFile(repo, 'mcp-server', server)) return;
      out.push(unresolved(c.file, [...path, 'server'], server, mcpNames, {
        code: 'UNKNOWN_MCP_SERVER', what: `an mcp_tool hook calls MCP server "${server}"`, kind: 'MCP server',
        elsewhere: 'a user-scope server, a plugin server or a claude.ai connector', create: `create components/mcp-servers/${server}.yaml`,
      }));
    });
  }

  for (const c of components.skill.values()) {
    if (components.command.has(c.name)) {
      out.push(warning('SKILL_SHADOWS_COMMAND', `skill "${c.name}" has the same name as a command; Claude Code runs the skill and never the command`,
        { file: c.file.path, line: 1, col: 1 }, `rename the skill or components/commands/${c.name}.yaml`));
    }
  }

  for (const c of components['auto-claude-agent-config'].values()) {
    const defaults = AGENT_DEFAULTS[c.name];
    if (!defaults) {
      out.push(error('AC_UNKNOWN_AGENT_TYPE', `"${c.name}" is not an Auto-Claude agent type; the runtime rejects unknown types`, { file: c.file.path, line: 1, col: 1 },
        didYouMeanOr(c.name, [...AGENT_TYPES], `agent types: ${AGENT_TYPES.join(', ')}`)));
      continue;
    }
    if (!usable(c.file)) continue;
    const v = c.file.value;
    const differs = (field: 'tools' | 'auto_claude_tools', norm: (s: string) => string = (s) => s): boolean =>
      field in v && !sameSet(strings(v[field]).map(norm), defaults[field].map(norm));
    for (const field of ['tools', 'auto_claude_tools'] as const) {
      if (differs(field, field === 'auto_claude_tools' ? normalizeAutoClaudeTool : undefined)) {
        out.push(notApplied(c.file, field, c.name));
      }
    }
    if ('thinking_default' in v && v['thinking_default'] !== defaults.thinking_default) out.push(notApplied(c.file, 'thinking_default', c.name));
  }

  for (const c of components['auto-claude-prompt'].values()) {
    if (!usable(c.file)) continue;
    const body = c.body?.text ?? '';
    const marker = conflictMarkerLine(body);
    if (marker > 0 && c.body) {
      out.push(error('UPGRADE_CONFLICT', `prompt "${c.name}" still has conflict markers from \`ccm import auto-claude --upgrade\`; the backend would load them as prompt text`,
        { file: c.body.path, line: marker, col: 1 }, 'keep what belongs between <<<<<<< and >>>>>>>, remove the marker lines, then build again'));
    }
    (c.file.value.injectionPoints ?? []).forEach((marker, i) => {
      if (!body.includes(marker)) {
        out.push(warning('AC_INJECTION_POINT_MISSING', `prompt "${c.name}" lost its injection point ${JSON.stringify(marker)}; the runtime injects text there`,
          positionOf(c.file, ['injectionPoints', i]), `put ${JSON.stringify(marker)} back into ${c.body?.path ?? c.file.path.replace(/\.ya?ml$/, '.md')}, or remove it from injectionPoints if the loss is intended`));
      }
    });
  }
}

function notApplied(file: YamlFile, field: string, agentType: string): Diagnostic {
  return warning('AC_FIELD_NOT_APPLIED', `Auto-Claude cannot take "${field}" of agent "${agentType}" from files; the runtime keeps its built-in value`,
    positionOf(file, [field], true), 'only MCP membership (mcp_servers) reaches the runtime, as AGENT_MCP_* in .auto-claude/.env; keep the built-in value to silence this');
}

/** The kinds whose `name` field overrides the file name. */
type NamedKind = 'subagent' | 'skill' | 'output-style';

function checkNameOverrides(repo: ConfigRepo, kind: NamedKind, usable: (file: YamlFile) => boolean, out: Diagnostic[]): void {
  const seen = new Map<string, string>();
  for (const c of repo.components[kind].values()) {
    const override = usable(c.file) ? c.file.value.name : undefined;
    const effective = override ?? c.name;
    const other = seen.get(effective);
    if (other !== undefined) {
      out.push(error('DUPLICATE_NAME', `${KIND_INFO[kind].noun} name "${effective}" is also used by ${other}`,
        override !== undefined ? positionOf(c.file, ['name']) : { file: c.file.path, line: 1, col: 1 }, 'give each one a unique name'));
    } else {
      seen.set(effective, c.file.path);
    }
  }
}

/** Every `{secret: NAME}` anywhere in any usable document needs secrets/NAME.age. */
function checkSecrets(repo: ConfigRepo, usable: (file: YamlFile) => boolean, out: Diagnostic[]): void {
  const files: YamlFile[] = [...repo.profiles.values(), ...repo.projects.values()];
  for (const byName of Object.values(repo.components)) for (const c of byName.values()) files.push(c.file);
  for (const file of files) {
    if (!usable(file)) continue;
    walk(file.value, [], (value, path) => {
      if (!isMapping(value) || typeof value['secret'] !== 'string' || Object.keys(value).length !== 1) return;
      const name = value['secret'];
      if (!repo.secrets.has(name)) {
        out.push(error('UNKNOWN_SECRET', `secret "${name}" is referenced but secrets/${name}.age does not exist`, positionOf(file, [...path, 'secret']),
          `run \`ccm secrets set ${name}\` to store its value, or fix the name`));
      }
    });
  }
}

function walk(value: unknown, path: PathSegment[], visit: (value: unknown, path: PathSegment[]) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (isMapping(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

function findCycle(repo: ConfigRepo, start: string): string[] | undefined {
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (stack.includes(name)) return name === start ? [...stack, name] : undefined;
    const file = repo.profiles.get(name);
    if (!file) return undefined;
    stack.push(name);
    for (const parent of strings(file.value['extends'])) {
      const found = visit(parent);
      if (found) return found;
    }
    stack.pop();
    return undefined;
  };
  return visit(start);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

/** Subagents Claude Code ships, which `Agent(...)` rules and `agent` may name without any definition. */
const BUILT_IN_AGENTS = new Set(['Explore', 'Plan', 'general-purpose', 'statusline-setup', 'output-style-setup', 'claude-code-guide']);

interface Unresolved {
  /** The error code when the name is a near miss of one the repo defines. */
  code: 'UNKNOWN_SKILL' | 'UNKNOWN_MCP_SERVER' | 'PERMISSION_UNKNOWN_MCP' | 'UNKNOWN_COMPONENT' | 'UNKNOWN_OUTPUT_STYLE';
  what: string;
  kind: string;
  elsewhere: string;
  create: string;
}

/**
 * A name the repo does not define. Close to one it does: a typo, an error with "did you mean".
 * Otherwise the name is assumed to exist outside the repo (Claude Code has personal, plugin and
 * built-in ones): accepted with an EXTERNAL_REFERENCE warning that says what was assumed.
 */
function unresolved(file: YamlFile, path: PathSegment[], name: string, defined: readonly string[], u: Unresolved): Diagnostic {
  const near = typoOfDefinedName(name, defined);
  if (near !== undefined) {
    return error(u.code, `${u.what}, which no component defines`, positionOf(file, path), `did you mean "${near}"? Otherwise ${u.create}`);
  }
  return warning('EXTERNAL_REFERENCE', `${u.what}, which this repo does not define: assumed to exist outside it (${u.elsewhere})`, positionOf(file, path),
    `nothing to do if it exists where Claude Code runs; otherwise ${u.create}`);
}

/**
 * A different question from "did you mean": whether a name that may exist outside the repo is
 * instead a typo of one defined inside it. A near miss turns an accepted name into an error, so a
 * short name needs to be closer (one edit) than the suggestion rule allows.
 */
function typoOfDefinedName(word: string, candidates: readonly string[]): string | undefined {
  return nearest(word, candidates, (known) => Math.max(1, Math.floor(known.length / 3)));
}
