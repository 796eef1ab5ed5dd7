import type { Component } from '../../load/model.js';
import type { OutputFile } from '../types.js';
import { TemplateBody, componentSources, frontmatterOf, isMapping, mcpServerForOutput, renderFile, setKey, verbatimFile, type Obj, type RenderContext } from './shared.js';

export const AGENT_TEMPLATE = 'claude-code/agent.md.hbs';

/** `.claude/agents/<name>.md`: frontmatter (`name` first) and the system prompt. */
export function renderAgents(ctx: RenderContext, agents: readonly Component<'subagent'>[]): OutputFile[] {
  const files: OutputFile[] = [];
  for (const agent of agents) {
    const name = agent.file.value.name ?? agent.name;
    const frontmatter = frontmatterOf(agent, name);
    if (Array.isArray(frontmatter['mcpServers'])) frontmatter['mcpServers'] = frontmatter['mcpServers'].map(mcpServerEntry);
    const path = `.claude/agents/${agent.name}.md`;
    const file = verbatimFile(ctx, AGENT_TEMPLATE, path, agent) ?? renderFile(ctx, AGENT_TEMPLATE, path, { name, frontmatter, body: new TemplateBody(agent) }, componentSources(agent));
    if (file) files.push(file);
  }
  return files;
}

/** Names stay names; an inline `{name: config}` loses ccm-only fields and has its secrets written as `${NAME}`. */
function mcpServerEntry(entry: unknown): unknown {
  if (!isMapping(entry)) return entry;
  const out: Obj = {};
  for (const [k, v] of Object.entries(entry)) setKey(out, k, isMapping(v) ? mcpServerForOutput(v) : v);
  return out;
}
