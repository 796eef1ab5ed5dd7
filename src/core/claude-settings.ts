/**
 * The `$schema` URL Claude Code accepts in settings.json (anthropics/claude-code#66747: another value
 * makes it skip the file), and the one `ccm init` puts into its settings fragment.
 */
export const SETTINGS_SCHEMA_URL = 'https://json.schemastore.org/claude-code-settings.json';
