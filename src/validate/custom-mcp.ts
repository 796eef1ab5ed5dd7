import { codeRunningArgProblem, customMcpLabel, isCodeRunningArg } from '../core/auto-claude/custom-mcp-rules.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { ConfigRepo } from '../load/model.js';
import { positionOf, type YamlFile } from '../load/yaml-file.js';

/**
 * What the project schema cannot say about custom MCP servers, and the backend would drop an entry
 * for: an arg from the runtime's list of code-running flags, an id given twice. Found here with
 * every other mistake, so render takes each entry as the runtime will.
 */
export function customMcpDiagnostics(repo: ConfigRepo, usable: (file: YamlFile) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of repo.projects.values()) {
    const list = usable(file) ? file.value.autoClaude?.customMcpServers : undefined;
    if (!list) continue;
    const firstById = new Map<string, number>();
    list.forEach((entry, i) => {
      const at = ['autoClaude', 'customMcpServers', i];
      const label = customMcpLabel({ ...entry }, i);
      const first = firstById.get(entry.id);
      if (first === undefined) firstById.set(entry.id, i);
      else {
        out.push(error('DUPLICATE_NAME', `${label} is defined twice (entries ${first + 1} and ${i + 1}), and an agent names a server by its id`, positionOf(file, [...at, 'id']),
          'give each custom MCP server its own id'));
      }
      if (entry.type !== 'command') return;
      (entry.args ?? []).forEach((arg, j) => {
        if (!isCodeRunningArg(arg)) return;
        const problem = codeRunningArgProblem(label, arg);
        out.push(error('SCHEMA_INVALID', problem.message, positionOf(file, [...at, 'args', j]), problem.hint));
      });
    });
  }
  return out;
}
