import { error, type Diagnostic, type SourcePosition } from '../../diagnostics.js';
import { positionOf, type PathSegment, type YamlFile } from '../../load/yaml-file.js';
import type { SecretLookup } from '../types.js';

export { isMapping, secretName, type Obj } from '../../core/values.js';
import { secretName } from '../../core/values.js';

/** `file:line:col` for messages that name a second place. */
export function formatPosition(at: SourcePosition): string {
  return `${at.file}${at.line ? `:${at.line}${at.col ? `:${at.col}` : ''}` : ''}`;
}

/**
 * Turns YAML scalars and secret references into the strings the runtime reads, decrypting
 * secrets through the lookup. Remembers whether any secret value was used, so that the output
 * file can be marked secret. Never puts a secret value into a diagnostic.
 */
export class ValueResolver {
  usedSecret = false;
  /** The secrets used, in order, each time one is used: callers tell which value used which. */
  readonly secretsUsed: string[] = [];

  constructor(
    private readonly file: YamlFile,
    private readonly secrets: SecretLookup | undefined,
    private readonly diagnostics: Diagnostic[],
    /** The output the values go into, for messages. */
    private readonly target = '.auto-claude/.env',
  ) {}

  /**
   * The text of the value at `path` (`what` names it in messages, e.g. `LINEAR_API_KEY`), or
   * undefined when it is neither a scalar nor a secret that can be decrypted.
   */
  text(value: unknown, path: readonly PathSegment[], what: string): string | undefined {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const name = secretName(value);
    if (name === undefined) return undefined;
    const secret = this.secrets?.(name);
    if (secret === undefined) {
      this.diagnostics.push(error('SECRET_UNAVAILABLE', `secret "${name}" cannot be decrypted, so ${what} is left out of ${this.target}`,
        positionOf(this.file, [...path, 'secret']),
        `make your age identity available (CCM_AGE_IDENTITY, CCM_AGE_KEY_FILE or ~/.config/ccm/age/keys.txt; \`ccm secrets keygen\` creates one) and check that secrets/${name}.age is encrypted to it (\`ccm secrets list\`, \`ccm secrets rotate\`)`));
      return undefined;
    }
    this.usedSecret = true;
    this.secretsUsed.push(name);
    return secret;
  }

  position(path: readonly PathSegment[], key = false): SourcePosition {
    return positionOf(this.file, path, key);
  }
}
