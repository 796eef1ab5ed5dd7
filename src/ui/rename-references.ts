import type { YamlEdits } from '../adopt/yaml-edits.js';
import type { ComponentKind } from '../core/kinds.js';
import { mcpServerOfRule, namedInRule, withMcpServer } from '../core/permission-rules.js';
import { isMapping } from '../core/values.js';
import type { ConfigRepo } from '../load/model.js';
import type { PathSegment, YamlFile } from '../load/yaml-file.js';

const RULE_LISTS = ['allow', 'ask', 'deny'] as const;

/**
 * The references to a renamed component from other components, rewritten in place (`edits`): a
 * subagent's `skills` and `mcpServers`, settings' `agent`, `outputStyle`, `enabledMcpjsonServers`,
 * `disabledMcpjsonServers` and permission rules (`Agent(x)`, `Skill(x)`, `mcp__x__tool`), and the
 * server of `mcp_tool` hooks: every place validate resolves by that name. A subagent or output
 * style with a `name:` of its own is referred to by that name, which a rename of its file keeps.
 */
export function renameInComponents(repo: ConfigRepo, kind: ComponentKind, name: string, to: string, edits: YamlEdits, renamed: string): void {
  const { components } = repo;
  const set = (file: YamlFile, path: readonly PathSegment[], value: string): void => {
    if (file.path !== renamed) edits.set(file, path, value);
  };
  const inList = (file: YamlFile, path: readonly PathSegment[], list: unknown): void => {
    if (Array.isArray(list)) list.forEach((n, i) => n === name && set(file, [...path, i], to));
  };
  const inRules = (rewrite: (rule: string) => string | undefined): void => {
    for (const s of components.settings.values()) {
      const permissions = s.file.value.permissions;
      for (const list of RULE_LISTS) {
        (permissions?.[list] ?? []).forEach((rule, i) => {
          const next = typeof rule === 'string' ? rewrite(rule) : undefined;
          if (next !== undefined && next !== rule) set(s.file, ['permissions', list, i], next);
        });
      }
    }
  };
  const namedRule = (ruleKind: 'Agent' | 'Skill') => (rule: string): string | undefined => {
    const named = namedInRule(rule);
    return named?.kind === ruleKind && named.name === name ? `${ruleKind}(${to})` : undefined;
  };

  if (kind === 'skill') {
    for (const a of components.subagent.values()) inList(a.file, ['skills'], a.file.value.skills);
    inRules(namedRule('Skill'));
  } else if (kind === 'mcp-server') {
    for (const a of components.subagent.values()) inList(a.file, ['mcpServers'], a.file.value.mcpServers);
    for (const s of components.settings.values()) {
      inList(s.file, ['enabledMcpjsonServers'], s.file.value.enabledMcpjsonServers);
      inList(s.file, ['disabledMcpjsonServers'], s.file.value.disabledMcpjsonServers);
    }
    inRules((rule) => (mcpServerOfRule(rule) === name ? withMcpServer(rule, to) : undefined));
    for (const h of components.hook.values()) {
      eachMapping(h.file.value['hooks'], ['hooks'], (value, path) => {
        if (value['type'] === 'mcp_tool' && value['server'] === name) set(h.file, [...path, 'server'], to);
      });
    }
  } else if (kind === 'subagent' && components.subagent.get(name)?.file.value.name === undefined) {
    for (const s of components.settings.values()) if (s.file.value.agent === name) set(s.file, ['agent'], to);
    inRules(namedRule('Agent'));
  } else if (kind === 'output-style' && components['output-style'].get(name)?.file.value.name === undefined) {
    for (const s of components.settings.values()) if (s.file.value.outputStyle === name) set(s.file, ['outputStyle'], to);
  }
}

function eachMapping(value: unknown, path: PathSegment[], visit: (value: Record<string, unknown>, path: PathSegment[]) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => eachMapping(v, [...path, i], visit));
  else if (isMapping(value)) {
    visit(value, path);
    for (const [k, v] of Object.entries(value)) eachMapping(v, [...path, k], visit);
  }
}
