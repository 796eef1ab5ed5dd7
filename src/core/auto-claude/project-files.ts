/**
 * The project files Auto-Claude keeps beside `.auto-claude/.env` that ccm manages (runtime notes
 * §8): the GitHub and GitLab runner settings, which the app also writes (so ccm sets only its keys,
 * as for task_metadata.json), and the extra shell commands of `.auto-claude-allowlist`. One table
 * for render, import, the schema test and the docs: each YAML field of `autoClaude.github` /
 * `autoClaude.gitlab` is the camelCase spelling of the file's snake_case key.
 */

export interface SharedJsonFile {
  /** The field of `autoClaude` in projects/<name>.yaml. */
  field: 'github' | 'gitlab';
  /** Project-relative path of the file. */
  path: string;
  /** YAML fields, in the order ccm adds their keys to a new file. */
  fields: readonly string[];
  /** Fields whose value is a secret reference, decrypted into the file. */
  secretFields: readonly string[];
}

export const SHARED_JSON_FILES: readonly SharedJsonFile[] = [
  {
    field: 'github',
    path: '.auto-claude/github/config.json',
    // runners/github/models.py GitHubRunnerConfig.load_settings, and the app's auto-fix settings (bot_token).
    fields: [
      'botToken', 'autoFixEnabled', 'autoFixLabels', 'requireHumanApproval', 'autoFixAllowedRoles', 'allowExternalContributors',
      'triageEnabled', 'duplicateThreshold', 'spamThreshold', 'featureCreepThreshold', 'enableTriageComments',
      'prReviewEnabled', 'autoPostReviews', 'allowFixCommits', 'reviewOwnPrs', 'useParallelOrchestrator', 'model', 'thinkingLevel',
    ],
    secretFields: ['botToken'],
  },
  {
    field: 'gitlab',
    path: '.auto-claude/gitlab/config.json',
    // runners/gitlab/models.py GitLabRunnerConfig.
    fields: ['autoFixEnabled', 'autoFixLabels', 'model', 'thinkingLevel'],
    secretFields: [],
  },
];

export const ALLOWLIST_PATH = '.auto-claude-allowlist';

/** `autoFixEnabled` → `auto_fix_enabled`. */
export function fileKeyOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The commands of an allowlist file as `project/structure_analyzer.py` reads them: each line
 * stripped, blank lines and `#` comments skipped.
 */
export function allowlistCommands(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}
