import { SETTINGS_SCHEMA_URL } from '../core/claude-settings.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { isMapping } from '../core/values.js';
import type { ConfigRepo } from '../load/model.js';
import { positionOf, type PathSegment, type YamlFile } from '../load/yaml-file.js';

/** Events that run only command-like hooks: Claude Code has no model turn to evaluate a prompt or agent hook there. */
const NO_MODEL_HOOKS = new Set(['SessionStart', 'Setup', 'SubagentStart']);
/** Events whose matcher Claude Code ignores, so a matcher there would look like a filter and filter nothing. */
const NO_MATCHER = new Set(['PostToolBatch', 'TeammateIdle', 'TaskCreated', 'TaskCompleted', 'CwdChanged', 'WorktreeCreate', 'WorktreeRemove']);
/** Tool events: the only ones where a hook's `if` (a permission rule about the tool call) can match. */
const TOOL_EVENTS = new Set(['PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PermissionRequest', 'PermissionDenied']);

/**
 * What a schema cannot say about settings: the `$schema` URL Claude Code takes, and about hooks: which hook types, `matcher` and `if` an event takes
 * (Claude Code's hooks reference). Checked for every hooks component that passed its schema.
 */
export function settingsRuleDiagnostics(repo: ConfigRepo, usable: (file: YamlFile) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of repo.components.hook.values()) {
    if (usable(c.file)) checkHooks(c.file, ['hooks'], c.file.value['hooks'], out);
  }
  for (const c of repo.components.settings.values()) {
    const url = usable(c.file) ? c.file.value['$schema'] : undefined;
    if (typeof url === 'string' && url !== SETTINGS_SCHEMA_URL) {
      out.push(warning('SETTINGS_SCHEMA_URL', `$schema is written as given, but Claude Code is reported to accept only ${SETTINGS_SCHEMA_URL} and to skip a settings file with another one`,
        positionOf(c.file, ['$schema']), `use ${SETTINGS_SCHEMA_URL}, or remove $schema`));
    }
  }
  return out;
}

/** Checks one `hooks` map (event → matcher groups) found at `at` in `file`. */
export function checkHooks(file: YamlFile, at: PathSegment[], hooks: unknown, out: Diagnostic[]): void {
  if (!isMapping(hooks)) return;
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, i) => {
      if (!isMapping(group)) return;
      const matcher = group['matcher'];
      if (NO_MATCHER.has(event) && typeof matcher === 'string' && matcher !== '' && matcher !== '*') {
        out.push(error('HOOK_NOT_FOR_EVENT', `${event} takes no matcher: Claude Code ignores ${JSON.stringify(matcher)} and runs these hooks for every ${event}`,
          positionOf(file, [...at, event, i, 'matcher'], true), 'remove `matcher`, or filter inside the hook command'));
      }
      const handlers = group['hooks'];
      if (!Array.isArray(handlers)) return;
      handlers.forEach((hook, j) => {
        if (!isMapping(hook)) return;
        const type = hook['type'];
        if (NO_MODEL_HOOKS.has(event) && (type === 'prompt' || type === 'agent')) {
          out.push(error('HOOK_NOT_FOR_EVENT', `${event} does not run "${type}" hooks; only command, http and mcp_tool hooks run there`,
            positionOf(file, [...at, event, i, 'hooks', j, 'type']), 'use a command hook, or move this hook to an event that runs prompt and agent hooks (for example Stop or PreToolUse)'));
        }
        if ('if' in hook && !TOOL_EVENTS.has(event)) {
          out.push(error('HOOK_NOT_FOR_EVENT', `"if" applies only on tool events (${[...TOOL_EVENTS].join(', ')}); on ${event} this hook would never run`,
            positionOf(file, [...at, event, i, 'hooks', j, 'if'], true), 'remove `if`, or move the hook to a tool event'));
        }
      });
    });
  }
}
