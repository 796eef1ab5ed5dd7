/**
 * The `$schema` URL Claude Code accepts in settings.json (anthropics/claude-code#66747: another value
 * makes it skip the file), and the one `ccm init` puts into its settings fragment.
 */
export const SETTINGS_SCHEMA_URL = 'https://json.schemastore.org/claude-code-settings.json';

/** Output styles Claude Code ships, which `outputStyle` may name without any definition (matched case-insensitively). */
export const BUILT_IN_OUTPUT_STYLES: readonly string[] = ['Default', 'Proactive', 'Explanatory', 'Learning', 'Concise'];

export function isBuiltInOutputStyle(name: string): boolean {
  return BUILT_IN_OUTPUT_STYLES.some((s) => s.toLowerCase() === name.toLowerCase());
}
