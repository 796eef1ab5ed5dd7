import { AGENT_DEFAULTS, AGENT_TYPES } from '../core/auto-claude/agent-defaults.js';
import { ALWAYS_KEPT_MCP, customMcpIds, mapMcpName, unmappedMcpName } from '../core/auto-claude/mcp-names.js';
import type { AgentOverride } from '../generated/index.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { ConfigRepo } from '../load/model.js';
import { positionOf, type YamlFile } from '../load/yaml-file.js';
import { didYouMeanOr, nearest } from '../core/did-you-mean.js';

/** `AGENT_MCP_<agent_type>_ADD|_REMOVE`, in any case. */
const AGENT_MCP_KEY = /^AGENT_MCP_(.+)_(ADD|REMOVE)$/i;

/**
 * Each project's `autoClaude.agents` (agent types the runtime knows, MCP names it can map or the
 * project's custom server ids, no name both added and removed) and the AGENT_MCP_* keys written
 * straight into `autoClaude.env`: env keys are upper case, and the runtime reads only the
 * exact-case `AGENT_MCP_qa_reviewer_ADD`, so every such key there is a mistake.
 */
export function agentOverrideDiagnostics(repo: ConfigRepo, usable: (file: YamlFile) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of repo.projects.values()) {
    const ac = usable(file) ? file.value.autoClaude : undefined;
    if (!ac) continue;
    if (ac.agents) checkAgents(file, ac.agents, customMcpIds(ac), out);
    for (const [key, value] of Object.entries(ac.env ?? {})) checkEnvKey(file, key, value, out);
  }
  return out;
}

function checkAgents(file: YamlFile, agents: Readonly<Record<string, AgentOverride>>, customIds: ReadonlySet<string>, out: Diagnostic[]): void {
  for (const [type, override] of Object.entries(agents)) {
    const base = ['autoClaude', 'agents', type];
    if (!AGENT_DEFAULTS[type]) {
      out.push(error('AC_UNKNOWN_AGENT_TYPE', `"${type}" is not an Auto-Claude agent type, so its MCP changes reach no agent`, positionOf(file, base, true),
        didYouMeanOr(type, AGENT_TYPES, `agent types: ${AGENT_TYPES.join(', ')}`)));
      continue;
    }
    const mcp = override.mcp;
    if (!mcp) continue;
    const added = mcp.add ?? [];
    for (const list of ['add', 'remove'] as const) {
      (mcp[list] ?? []).forEach((name, i) => {
        const at = positionOf(file, [...base, 'mcp', list, i]);
        const key = `AGENT_MCP_${type}_${list.toUpperCase()}`;
        const problem = unmappedMcpName(name, customIds);
        if (problem) {
          out.push(error('AC_MCP_NAME_UNMAPPED', `${key}: ${problem.message}`, at, problem.hint));
        } else if (list === 'remove' && mapMcpName(name) === ALWAYS_KEPT_MCP) {
          out.push(warning('AC_NO_EFFECT', `${key}: Auto-Claude always keeps its own "${ALWAYS_KEPT_MCP}" server, so removing it does nothing`, at, `take "${name}" out of remove`));
        } else if (list === 'remove' && added.some((a) => (mapMcpName(a) ?? a) === (mapMcpName(name) ?? name))) {
          out.push(error('CONFLICT', `agent "${type}" both adds and removes MCP server "${name}"`, at, 'keep it in add or in remove, not both'));
        }
      });
    }
  }
}

function checkEnvKey(file: YamlFile, key: string, value: unknown, out: Diagnostic[]): void {
  const m = AGENT_MCP_KEY.exec(key);
  if (!m) return;
  const written = m[1]!;
  const list = m[2]!.toLowerCase();
  const at = positionOf(file, ['autoClaude', 'env', key], true);
  const type = AGENT_TYPES.find((t) => t.toLowerCase() === written.toLowerCase());
  if (type) {
    out.push(error('AC_WRONG_CASE_KEY', `Auto-Claude never reads ${key}: it reads the exact-case key AGENT_MCP_${type}_${m[2]!.toUpperCase()}`, at,
      `move the list to autoClaude.agents.${type}.mcp.${list}${typeof value === 'string' ? ` (${list}: [${value.split(',').map((s) => s.trim()).filter(Boolean).join(', ')}])` : ''}, which ccm writes in the right case`));
    return;
  }
  out.push(error('AC_UNKNOWN_AGENT_TYPE', `${key} names agent type "${written}", which Auto-Claude does not have`, at,
    agentTypeHint(nearest(written, AGENT_TYPES), list)));
}

/** Where the list belongs when the key names an agent type with a typo, else the agent types. */
function agentTypeHint(meant: string | undefined, list: string): string {
  const types = `agent types: ${AGENT_TYPES.join(', ')}`;
  return meant === undefined ? types : `did you mean autoClaude.agents.${meant}.mcp.${list}? Otherwise ${types}`;
}
