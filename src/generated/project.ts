/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/project.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { AutoClaudeModel, ComponentSelection, EnvVarName, HeaderMap, Name, NameList, PathName, PathNameList, SecretRef, StringOrSecret, Target, TargetList, ThinkingLevel, Variables } from './common.js';

/**
 * One CUSTOM_MCP_SERVERS entry; 'type' selects the fields. The backend drops entries that break its rules, so ccm rejects them here.
 */
export type CustomMcpServer = CustomMcpServerCommand | CustomMcpServerHttp;

/**
 * A project (projects/<name>.yaml): a target directory, the profiles and components it uses, its variables and its Auto-Claude configuration.
 */
export interface Project {
  /**
   * What the project is; ccm only.
   */
  description?: string;
  /**
   * The project directory ccm writes into, relative to the config repository or absolute.
   */
  path: string;
  /**
   * What ccm generates for this project; defaults to defaults.targets of ccm.config.yaml.
   */
  targets?: TargetList;
  /**
   * Profiles the project uses, applied in order after defaults.profiles.
   */
  profiles?: NameList;
  /**
   * Components added on top of those the profiles bring.
   */
  components?: ComponentSelection;
  /**
   * Template variables ({{vars.name}}); they override profile variables.
   */
  variables?: Variables;
  /**
   * Auto-Claude configuration of the project, written to .auto-claude/.env (and its copies in task worktrees), the spec folders' task_metadata.json, .auto-claude/github/config.json, .auto-claude/gitlab/config.json and .auto-claude-allowlist.
   */
  autoClaude?: AutoClaudeProject;
}

/**
 * The Auto-Claude project configuration: MCP toggles, custom MCP servers, integrations and other .auto-claude/.env keys.
 */
export interface AutoClaudeProject {
  /**
   * Model profile (components/auto-claude/model-profiles/<id>.yaml) written into the spec folders' task_metadata.json.
   */
  modelProfile?: Name;
  /**
   * Which spec folders get the model profile: all of them, or only those not yet completed.
   */
  specs?: 'all' | 'incomplete';
  /**
   * USE_CLAUDE_MD: when true, the backend appends the project's CLAUDE.md to every agent's system prompt.
   */
  useClaudeMd?: boolean;
  /**
   * Built-in MCP servers switched on or off for the project's agents.
   */
  mcp?: {
    /**
     * CONTEXT7_ENABLED: false removes the Context7 documentation server from every agent (runtime default true).
     */
    context7?: boolean;
    /**
     * LINEAR_MCP_ENABLED: false keeps the Linear server away from agents even when LINEAR_API_KEY is set (runtime default true).
     */
    linear?: boolean;
    /**
     * ELECTRON_MCP_ENABLED: true gives QA agents the Electron browser tools for Electron projects (runtime default false).
     */
    electron?: boolean;
    /**
     * PUPPETEER_MCP_ENABLED: true gives QA agents the Puppeteer browser tools for web front ends (runtime default false).
     */
    puppeteer?: boolean;
  };
  /**
   * CUSTOM_MCP_SERVERS: extra MCP servers the backend may start; an agent gets one only when AGENT_MCP_<agent_type>_ADD names its id.
   */
  customMcpServers?: CustomMcpServer[];
  /**
   * Per-project changes to the MCP servers of Auto-Claude agent types, keyed by the exact agent type (coder, qa_reviewer, ...): applied on top of the agent configs the project selects and written as AGENT_MCP_<agent_type>_ADD/_REMOVE.
   */
  agents?: {
    [k: string]: AgentOverride;
  };
  /**
   * Linear, GitHub and GitLab settings written to .auto-claude/.env.
   */
  integrations?: {
    /**
     * Linear integration.
     */
    linear?: {
      /**
       * LINEAR_API_KEY: its presence enables Linear and the Linear MCP server.
       */
      apiKey?: SecretRef;
      /**
       * LINEAR_TEAM_ID: Linear team that tasks are synced to.
       */
      teamId?: string;
      /**
       * LINEAR_PROJECT_ID: Linear project that tasks are synced to.
       */
      projectId?: string;
      /**
       * LINEAR_REALTIME_SYNC: read by the Auto-Claude UI only.
       */
      realtimeSync?: boolean;
    };
    /**
     * GitHub integration.
     */
    github?: {
      /**
       * GITHUB_TOKEN: token the GitHub runners use for issues and pull requests.
       */
      token?: SecretRef;
      /**
       * GITHUB_BOT_TOKEN: token of a bot account that posts reviews. Nobody reads it from .auto-claude/.env (the GitHub runners take bot_token from .auto-claude/github/config.json), so ccm warns AC_NO_EFFECT.
       */
      botToken?: SecretRef;
      /**
       * GITHUB_REPO: the repository as owner/name.
       */
      repo?: string;
      /**
       * GITHUB_CLI_PATH: path of the gh executable.
       */
      cliPath?: string;
      /**
       * GITHUB_AUTO_SYNC: read by the Auto-Claude UI only.
       */
      autoSync?: boolean;
      /**
       * MAX_PR_WORKTREES: how many pull-request worktrees the GitHub runner keeps (runtime default 10). The runner's environment excludes .auto-claude/.env, so nobody reads it there and ccm warns AC_NO_EFFECT.
       */
      maxPrWorktrees?: number;
    };
    /**
     * GitLab integration.
     */
    gitlab?: {
      /**
       * GITLAB_TOKEN: token the GitLab runners use for issues and merge requests.
       */
      token?: SecretRef;
      /**
       * GITLAB_INSTANCE_URL: base URL of the GitLab instance (runtime default https://gitlab.com).
       */
      instanceUrl?: string;
      /**
       * GITLAB_PROJECT: project path (group/project) or numeric ID.
       */
      project?: string;
      /**
       * GITLAB_ENABLED: read by the Auto-Claude UI only.
       */
      enabled?: boolean;
      /**
       * GITLAB_AUTO_SYNC: read by the Auto-Claude UI only.
       */
      autoSync?: boolean;
    };
  };
  /**
   * Keys of .auto-claude/github/config.json, the settings of Auto-Claude's GitHub runners (auto-fix, triage, pull-request review). The app writes this file too: ccm sets only these keys and keeps every other key the app wrote. Each field is the file's snake_case key in camelCase.
   */
  github?: {
    /**
     * bot_token: token of a bot account that posts reviews and comments; decrypted into this file (mode 0600, which git must ignore).
     */
    botToken?: SecretRef;
    /**
     * auto_fix_enabled: turn issues with an auto-fix label into specs and builds (runtime default false).
     */
    autoFixEnabled?: boolean;
    /**
     * auto_fix_labels: issue labels that start an auto-fix (runtime default [auto-fix]).
     */
    autoFixLabels?: string[];
    /**
     * require_human_approval: wait for a person before building an auto-fix spec (runtime default true).
     */
    requireHumanApproval?: boolean;
    /**
     * auto_fix_allowed_roles: author associations allowed to trigger an auto-fix (runtime default OWNER, MEMBER, COLLABORATOR).
     */
    autoFixAllowedRoles?: (
      'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'FIRST_TIME_CONTRIBUTOR' | 'FIRST_TIMER' | 'NONE'
    )[];
    /**
     * allow_external_contributors: let people outside the repository trigger an auto-fix (runtime default false).
     */
    allowExternalContributors?: boolean;
    /**
     * triage_enabled: triage new issues (runtime default false).
     */
    triageEnabled?: boolean;
    /**
     * duplicate_threshold: similarity from which an issue counts as a duplicate, 0 to 1 (runtime default 0.8).
     */
    duplicateThreshold?: number;
    /**
     * spam_threshold: score from which an issue counts as spam, 0 to 1 (runtime default 0.75).
     */
    spamThreshold?: number;
    /**
     * feature_creep_threshold: score from which a request counts as feature creep, 0 to 1 (runtime default 0.7).
     */
    featureCreepThreshold?: number;
    /**
     * enable_triage_comments: post the triage result as a comment (runtime default false).
     */
    enableTriageComments?: boolean;
    /**
     * pr_review_enabled: review pull requests (runtime default false).
     */
    prReviewEnabled?: boolean;
    /**
     * auto_post_reviews: post reviews without asking (runtime default false).
     */
    autoPostReviews?: boolean;
    /**
     * allow_fix_commits: let the reviewer push fix commits (runtime default true).
     */
    allowFixCommits?: boolean;
    /**
     * review_own_prs: let the bot review its own pull requests (runtime default false).
     */
    reviewOwnPrs?: boolean;
    /**
     * use_parallel_orchestrator: review with parallel subagents (runtime default true).
     */
    useParallelOrchestrator?: boolean;
    /**
     * model: the model the runner uses (a shorthand such as sonnet, or a full model ID).
     */
    model?: AutoClaudeModel;
    /**
     * thinking_level: the runner's thinking level.
     */
    thinkingLevel?: ThinkingLevel;
  };
  /**
   * Keys of .auto-claude/gitlab/config.json, the settings of Auto-Claude's GitLab runners. The app writes this file too: ccm sets only these keys and keeps every other key. Each field is the file's snake_case key in camelCase.
   */
  gitlab?: {
    /**
     * auto_fix_enabled: turn issues with an auto-fix label into specs and builds (runtime default false).
     */
    autoFixEnabled?: boolean;
    /**
     * auto_fix_labels: issue labels that start an auto-fix (runtime default [auto-fix, autofix]).
     */
    autoFixLabels?: string[];
    /**
     * model: the model the runner uses (a shorthand such as sonnet, or a full model ID).
     */
    model?: AutoClaudeModel;
    /**
     * thinking_level: the runner's thinking level.
     */
    thinkingLevel?: ThinkingLevel;
  };
  /**
   * .auto-claude-allowlist: extra shell commands Auto-Claude's agents may run in this project, one per line (read by project/structure_analyzer.py, which strips each line and skips blank lines and # comments).
   */
  allowlist?: string[];
  /**
   * Any other .auto-claude/.env key (DEFAULT_BRANCH, AUTO_BUILD_MODEL, GRAPHITI_*, CLAUDE_CODE_OAUTH_TOKEN, ...), written as KEY=value; secret values are decrypted into that git-ignored file.
   */
  env?: {
    [k: string]: string | number | boolean | SecretRef;
  };
}

/**
 * A custom MCP server the backend starts as a local process.
 */
export interface CustomMcpServerCommand {
  /**
   * Server id, the name AGENT_MCP_<agent_type>_ADD uses to give the server to an agent.
   */
  id: Name;
  /**
   * Display name of the server.
   */
  name: string;
  /**
   * 'command': the backend starts a local process.
   */
  type: 'command';
  /**
   * Executable the backend starts; it accepts only these bare names.
   */
  command: 'npx' | 'npm' | 'node' | 'python' | 'python3' | 'uv' | 'uvx';
  /**
   * Arguments for the command. The backend rejects flags that run inline code (such as -e, -c, --eval, --experimental-loader); ccm validate names each one it finds.
   */
  args?: string[];
  /**
   * Description the Auto-Claude UI shows for the server.
   */
  description?: string;
}

/**
 * A custom MCP server the backend reaches over HTTP.
 */
export interface CustomMcpServerHttp {
  /**
   * Server id, the name AGENT_MCP_<agent_type>_ADD uses to give the server to an agent.
   */
  id: Name;
  /**
   * Display name of the server.
   */
  name: string;
  /**
   * 'http': the backend connects to a URL.
   */
  type: 'http';
  /**
   * Server URL the backend connects to.
   */
  url: string;
  /**
   * Request headers; secret values are decrypted into the git-ignored .auto-claude/.env.
   */
  headers?: HeaderMap;
  /**
   * Description the Auto-Claude UI shows for the server.
   */
  description?: string;
}

/**
 * What one project changes for one Auto-Claude agent type. Only MCP membership can be changed from files.
 */
export interface AgentOverride {
  /**
   * MCP servers added to or removed from the agent type for this project.
   */
  mcp?: {
    /**
     * AGENT_MCP_<agent_type>_ADD: servers the agent gets (context7, graphiti, graphiti-memory, linear, electron, puppeteer, auto-claude, or a customMcpServers id), in this order.
     */
    add?: Name[];
    /**
     * AGENT_MCP_<agent_type>_REMOVE: servers taken away (auto-claude cannot be removed), in this order.
     */
    remove?: Name[];
  };
}
