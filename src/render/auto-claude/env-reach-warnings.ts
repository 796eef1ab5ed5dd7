import { reachOf } from '../../core/auto-claude/env-reach.js';
import { warning, type Diagnostic, type SourcePosition } from '../../diagnostics.js';

/** The project's model profile, which AUTO_BUILD_MODEL overrides. */
export interface ReachContext {
  modelProfile?: { name: string; at: SourcePosition };
}

/**
 * What the reach table says about a key ccm writes, as a warning at the YAML that set it:
 * AC_NO_EFFECT when nobody reads it from the file, AC_OVERRIDDEN naming the setting that wins
 * (or, for a key that overrides others, at what it overrides). Values are compared, never shown.
 */
export function reachDiagnostic(key: string, value: string, at: SourcePosition, context: ReachContext): Diagnostic | undefined {
  const r = reachOf(key);
  if (r.reader === 'nobody') {
    return r.ccmWritesTo
      ? warning('AC_NO_EFFECT', `nobody reads ${key} from .auto-claude/.env: it takes effect in ${r.ccmWritesTo}`, at,
        r.ccmField ? `move it to ${r.ccmField}: ccm writes that field there` : 'set it in the Auto-Claude app')
      : warning('AC_NO_EFFECT', `nobody reads ${key} from .auto-claude/.env (${r.what})`, at, 'remove it: it changes nothing');
  }
  const by = r.overriddenBy;
  if (by && (by.when === 'always' || (by.when === 'differs' && value !== by.default))) {
    const unless = by.when === 'differs' ? `, which is ${by.default} unless changed in the app` : '';
    return warning('AC_OVERRIDDEN', `${key} in .auto-claude/.env does not take effect in the Auto-Claude app: ${by.setting} wins${unless}`, at,
      `set it in the Auto-Claude app (${by.setting}) instead, or leave it out of the YAML`);
  }
  if (r.overrides) {
    const profile = context.modelProfile;
    return profile
      ? warning('AC_OVERRIDDEN', `the model of model profile "${profile.name}" is overridden by ${key} (autoClaude.env, line ${at.line ?? 1})`, profile.at,
        `remove ${key} to let the model profile decide`)
      : warning('AC_OVERRIDDEN', `${key} overrides ${r.overrides}`, at, `remove ${key} to let the model profiles decide`);
  }
  return undefined;
}
