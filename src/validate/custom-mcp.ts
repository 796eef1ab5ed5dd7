import { codeRunningArgProblem, customMcpLabel, isCodeRunningArg } from '../core/auto-claude/custom-mcp-rules.js';
import { isMapping } from '../core/values.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { ConfigRepo } from '../load/model.js';
import { positionOf, type YamlFile } from '../load/yaml-file.js';

/**
 * The args of each project's custom MCP servers against the runtime's list of code-running flags
 * (the schema gives only the shape): found here with every other mistake, not at render.
 */
export function customMcpDiagnostics(repo: ConfigRepo, usable: (file: YamlFile) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of repo.projects.values()) {
    const ac = usable(file) ? file.value['autoClaude'] : undefined;
    const list = isMapping(ac) ? ac['customMcpServers'] : undefined;
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (!isMapping(entry) || !Array.isArray(entry['args'])) return;
      const label = customMcpLabel(entry, i);
      entry['args'].forEach((arg, j) => {
        if (typeof arg !== 'string' || !isCodeRunningArg(arg)) return;
        const problem = codeRunningArgProblem(label, arg);
        out.push(error('SCHEMA_INVALID', problem.message, positionOf(file, ['autoClaude', 'customMcpServers', i, 'args', j]), problem.hint));
      });
    });
  }
  return out;
}
