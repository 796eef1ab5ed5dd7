/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/common.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

/**
 * A component name: a letter or digit, then letters, digits, '.', '_' or '-' (no '/', no '..', no drive letter), so it is always a safe single file-name segment.
 */
export type Name = string;
/**
 * A component name that may include subfolders: '/'-separated segments, each a letter or digit followed by letters, digits, '.', '_' or '-' (so '..' and absolute paths can never match).
 */
export type PathName = string;
/**
 * A list of component names, each at most once.
 */
export type NameList = Name[];
/**
 * A list of component names that may include subfolders, each at most once.
 */
export type PathNameList = PathName[];
/**
 * A Claude Code subagent or skill name: lowercase letters and digits in hyphen-separated words, as Claude Code requires in frontmatter.
 */
export type RuntimeName = string;
/**
 * An environment-variable name: upper-case letters, digits and '_', not starting with a digit.
 */
export type EnvVarName = string;
/**
 * A literal string (which may contain ${VAR} references) or a secret reference {secret: NAME}.
 */
export type StringOrSecret = string | SecretRef;
/**
 * ccm only, written by `ccm import`: the exact text of the imported Markdown file before its body (the --- frontmatter block and the blank lines after it). While it still parses to exactly the other fields, ccm writes the file as this text followed by the body byte for byte, so the import round-trips; once the fields and this text disagree (or templates/ overrides the template), the frontmatter is written from the fields. Delete it to let ccm format the file.
 */
export type FrontmatterText = string;
/**
 * A list of non-empty strings.
 */
export type StringList = string[];
/**
 * A single string (comma-separated where the runtime accepts that) or a list of strings; ccm writes it in the form given.
 */
export type StringOrList = string | string[];
/**
 * A runtime ccm generates files for.
 */
export type Target = 'claude-code' | 'auto-claude';
/**
 * The runtimes ccm generates files for.
 *
 * @minItems 1
 */
export type TargetList = Target[];
/**
 * A Claude Code model: an alias (sonnet, opus, haiku, inherit) or a full model ID, passed to Claude Code unchanged.
 */
export type ClaudeModel = string;
/**
 * An Auto-Claude model: a shorthand (opus, sonnet, haiku) that the backend maps to a model ID, or a full model ID passed through unchanged.
 */
export type AutoClaudeModel = string;
/**
 * Reasoning effort Claude Code requests from the model while this component is active.
 */
export type Effort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';
/**
 * Auto-Claude thinking level; the backend maps it to a token budget (none = off, low 1024, medium 4096, high 16384, ultrathink 63999).
 */
export type ThinkingLevel = 'none' | 'low' | 'medium' | 'high' | 'ultrathink';
/**
 * true or false; Claude Code also reads the strings true/false, yes/no, on/off and 1/0, which ccm writes unchanged.
 */
export type FrontmatterBoolean = boolean | ('true' | 'false' | 'yes' | 'no' | 'on' | 'off' | '1' | '0') | (0 | 1);
/**
 * Hint Claude Code shows after the command name for the expected arguments: a string, or a list of strings that ccm writes unchanged.
 */
export type ArgumentHint = string | string[];
/**
 * A subagent type: a subagent's name (a component or a built-in such as Explore), or plugin-name:agent-name for a plugin's subagent.
 */
export type AgentType = string;
/**
 * Timeout in seconds after which Claude Code cancels the hook.
 */
export type HookTimeout = number;
/**
 * A permission rule such as 'Bash(git *)' (a tool name, optionally with a non-empty specifier in parentheses); Claude Code runs the hook only for tool calls that match it, and only on tool events.
 */
export type HookIf = string;
/**
 * One hook handler; its 'type' selects which fields apply: command, prompt, agent, http or mcp_tool.
 */
export type HookHandler = HookCommand | HookPrompt | HookAgent | HookHttp | HookMcpTool;
/**
 * Matcher groups for one hook event, in the order Claude Code evaluates them.
 */
export type HookMatcherList = HookMatcherGroup[];

/**
 * A reference to an age-encrypted secret stored in secrets/<NAME>.age; ccm writes it as ${NAME} into committed runtime files and decrypts the value only into files git ignores.
 */
export interface SecretRef {
  /**
   * Name of the secret; ccm reads secrets/<NAME>.age and uses NAME as the environment-variable name in ${NAME} references.
   */
  secret: EnvVarName;
}
/**
 * HTTP headers sent with each request: header name to a literal string or a secret reference.
 */
export interface HeaderMap {
  [k: string]: StringOrSecret;
}
/**
 * Environment variables for a process: variable name to a literal string or a secret reference.
 */
export interface SecretEnvMap {
  [k: string]: StringOrSecret;
}
/**
 * Template variables, available to Handlebars templates as {{vars.<name>}}.
 */
export interface Variables {
  [k: string]: string | number | boolean;
}
/**
 * Components selected by kind; each list names components of that kind by their file name (without .yaml).
 */
export interface ComponentSelection {
  /**
   * MCP servers (components/mcp-servers/<name>.yaml) written into the project's .mcp.json.
   */
  'mcp-servers'?: NameList;
  /**
   * Subagents (components/subagents/<name>.yaml) written to .claude/agents/<name>.md.
   */
  subagents?: NameList;
  /**
   * Skills (components/skills/<name>/) written to .claude/skills/<name>/.
   */
  skills?: NameList;
  /**
   * Slash commands (components/commands/** /<name>.yaml, subfolders included in the name) written to .claude/commands/.
   */
  commands?: PathNameList;
  /**
   * Hooks components (components/hooks/<name>.yaml) whose hooks are merged into .claude/settings.json.
   */
  hooks?: NameList;
  /**
   * Settings fragments (components/settings/<name>.yaml) merged into .claude/settings.json.
   */
  settings?: NameList;
  /**
   * CLAUDE.md sections (components/claude-md/<name>.yaml) concatenated into the project's CLAUDE.md (or into <directory>/CLAUDE.md for a section with a directory).
   */
  'claude-md'?: NameList;
  /**
   * Output styles (components/output-styles/<name>.yaml) written to .claude/output-styles/<name>.md; the outputStyle setting chooses one.
   */
  'output-styles'?: NameList;
  /**
   * Rules (components/rules/** /<name>.yaml, subfolders included in the name) written to .claude/rules/** /<name>.md.
   */
  rules?: PathNameList;
  /**
   * Auto-Claude agent configs (components/auto-claude/agent-configs/<agent_type>.yaml) whose MCP membership is written as AGENT_MCP_<agent_type>_ADD/_REMOVE in .auto-claude/.env.
   */
  'agent-configs'?: NameList;
}
/**
 * Model per Auto-Claude phase; the backend uses it only when isAutoProfile is true, and a missing phase falls back to the profile's model.
 */
export interface PhaseModels {
  /**
   * Model for spec creation; the Auto-Claude UI passes it to spec_runner.py as --model.
   */
  spec?: AutoClaudeModel;
  /**
   * Model for the planner session that builds the implementation plan.
   */
  planning?: AutoClaudeModel;
  /**
   * Model for the coder sessions that implement subtasks.
   */
  coding?: AutoClaudeModel;
  /**
   * Model for the QA reviewer and QA fixer sessions.
   */
  qa?: AutoClaudeModel;
}
/**
 * Thinking level per Auto-Claude phase; the backend uses it only when isAutoProfile is true, and a missing phase falls back to the profile's thinkingLevel.
 */
export interface PhaseThinking {
  /**
   * Thinking level for spec creation; the Auto-Claude UI passes it to spec_runner.py as --thinking-level.
   */
  spec?: ThinkingLevel;
  /**
   * Thinking level for the planner session.
   */
  planning?: ThinkingLevel;
  /**
   * Thinking level for the coder sessions.
   */
  coding?: ThinkingLevel;
  /**
   * Thinking level for the QA reviewer and QA fixer sessions.
   */
  qa?: ThinkingLevel;
}
/**
 * A hook that runs a shell command (or, with args, an executable) and reads the event JSON on stdin.
 */
export interface HookCommand {
  /**
   * Hook type: 'command' runs a command.
   */
  type: 'command';
  /**
   * Shell command Claude Code runs (or the executable, when args is given); ${CLAUDE_PROJECT_DIR} expands to the project root.
   */
  command: string;
  /**
   * Arguments for exec form: Claude Code starts command directly with these arguments, without a shell.
   */
  args?: string[];
  /**
   * Seconds before Claude Code cancels the command (default 600; 30 on UserPromptSubmit, 10 on MessageDisplay).
   */
  timeout?: HookTimeout;
  /**
   * When true, Claude Code runs the command in the background without waiting for it.
   */
  async?: boolean;
  /**
   * When true, the command runs in the background and wakes the model if it exits with code 2 (implies async).
   */
  asyncRewake?: boolean;
  /**
   * Shell that runs the command: bash (the login shell, default) or powershell (pwsh).
   */
  shell?: 'bash' | 'powershell';
  /**
   * Permission rule filter: the hook runs only for tool calls matching it (tool events only).
   */
  if?: HookIf;
  /**
   * Spinner text Claude Code shows while the hook runs.
   */
  statusMessage?: string;
  /**
   * When true, Claude Code runs the hook once per session and then removes it (hooks in skill frontmatter).
   */
  once?: boolean;
}
/**
 * A hook that asks a model to judge the event; $ARGUMENTS in the prompt is replaced by the event JSON.
 */
export interface HookPrompt {
  /**
   * Hook type: 'prompt' evaluates a prompt with a model.
   */
  type: 'prompt';
  /**
   * Prompt sent to the model; $ARGUMENTS is replaced by the hook input JSON.
   */
  prompt: string;
  /**
   * Model that evaluates the prompt (default: the small fast model).
   */
  model?: ClaudeModel;
  /**
   * Seconds before Claude Code cancels the evaluation (default 30).
   */
  timeout?: HookTimeout;
  /**
   * Permission rule filter: the hook runs only for tool calls matching it (tool events only).
   */
  if?: HookIf;
  /**
   * Spinner text Claude Code shows while the hook runs.
   */
  statusMessage?: string;
  /**
   * When true and the model blocks, Claude Code feeds the reason back to Claude and continues the turn instead of stopping.
   */
  continueOnBlock?: boolean;
  /**
   * When true, Claude Code runs the hook once per session and then removes it (hooks in skill frontmatter).
   */
  once?: boolean;
}
/**
 * A hook that runs a verifier agent with tool access; $ARGUMENTS in the prompt is replaced by the event JSON.
 */
export interface HookAgent {
  /**
   * Hook type: 'agent' runs a multi-turn verifier agent.
   */
  type: 'agent';
  /**
   * What the agent must verify; $ARGUMENTS is replaced by the hook input JSON.
   */
  prompt: string;
  /**
   * Model the agent runs on (default: the small fast model).
   */
  model?: ClaudeModel;
  /**
   * Seconds before Claude Code cancels the agent (default 60).
   */
  timeout?: HookTimeout;
  /**
   * Permission rule filter: the hook runs only for tool calls matching it (tool events only).
   */
  if?: HookIf;
  /**
   * Spinner text Claude Code shows while the hook runs.
   */
  statusMessage?: string;
  /**
   * When true, Claude Code runs the hook once per session and then removes it (hooks in skill frontmatter).
   */
  once?: boolean;
}
/**
 * A hook that POSTs the event JSON to a URL and reads a JSON decision back.
 */
export interface HookHttp {
  /**
   * Hook type: 'http' posts the event to a web endpoint.
   */
  type: 'http';
  /**
   * Endpoint Claude Code POSTs the hook input JSON to; it must answer with JSON.
   */
  url: string;
  /**
   * Request headers; a secret reference is written as ${NAME} and its NAME must be listed in allowedEnvVars for Claude Code to expand it.
   */
  headers?: HeaderMap;
  /**
   * Environment variables Claude Code may expand in header values; any other $VAR stays unexpanded.
   */
  allowedEnvVars?: EnvVarName[];
  /**
   * Seconds before Claude Code cancels the request (default 600; 30 on UserPromptSubmit, 10 on MessageDisplay).
   */
  timeout?: HookTimeout;
  /**
   * Permission rule filter: the hook runs only for tool calls matching it (tool events only).
   */
  if?: HookIf;
  /**
   * Spinner text Claude Code shows while the hook runs.
   */
  statusMessage?: string;
  /**
   * When true, Claude Code runs the hook once per session and then removes it (hooks in skill frontmatter).
   */
  once?: boolean;
}
/**
 * A hook that calls a tool on an MCP server that is already connected.
 */
export interface HookMcpTool {
  /**
   * Hook type: 'mcp_tool' calls an MCP tool.
   */
  type: 'mcp_tool';
  /**
   * Name of a configured MCP server; it must already be connected when the hook fires.
   */
  server: string;
  /**
   * Name of the tool Claude Code calls on that server.
   */
  tool: string;
  /**
   * Tool arguments; string values may use ${path} substitution from the hook input, e.g. ${tool_input.file_path}.
   */
  input?: {
    [k: string]: unknown;
  };
  /**
   * Seconds before Claude Code cancels the tool call (default 600; 30 on UserPromptSubmit, 10 on MessageDisplay).
   */
  timeout?: HookTimeout;
  /**
   * Permission rule filter: the hook runs only for tool calls matching it (tool events only).
   */
  if?: HookIf;
  /**
   * Spinner text Claude Code shows while the hook runs.
   */
  statusMessage?: string;
  /**
   * When true, Claude Code runs the hook once per session and then removes it (hooks in skill frontmatter).
   */
  once?: boolean;
}
/**
 * Hooks that run together when the event's matcher matches.
 */
export interface HookMatcherGroup {
  /**
   * Case-sensitive pattern Claude Code matches against the event's subject (tool name, error type, file name, ... depending on the event); omitted or '*' matches everything.
   */
  matcher?: string;
  /**
   * Hooks Claude Code runs when the matcher matches.
   *
   * @minItems 1
   */
  hooks: HookHandler[];
}
/**
 * Hooks by event, exactly the shape of the 'hooks' key of .claude/settings.json.
 */
export interface Hooks {
  /**
   * Runs before a tool call; the matcher is the tool name and a blocking result stops the call.
   */
  PreToolUse?: HookMatcherList;
  /**
   * Runs after a tool call succeeds; the matcher is the tool name.
   */
  PostToolUse?: HookMatcherList;
  /**
   * Runs after a tool call fails; the matcher is the tool name.
   */
  PostToolUseFailure?: HookMatcherList;
  /**
   * Runs after a batch of parallel tool calls resolves, before the next model call; matchers are ignored.
   */
  PostToolBatch?: HookMatcherList;
  /**
   * Runs when Claude Code would show a permission dialog; the matcher is the tool name.
   */
  PermissionRequest?: HookMatcherList;
  /**
   * Runs when the auto-mode classifier denies a tool call; the matcher is the tool name.
   */
  PermissionDenied?: HookMatcherList;
  /**
   * Runs when Claude Code sends a notification (for example, waiting for input).
   */
  Notification?: HookMatcherList;
  /**
   * Runs when the user submits a prompt, before Claude sees it (default hook timeout 30 s).
   */
  UserPromptSubmit?: HookMatcherList;
  /**
   * Runs when a typed slash command expands into a prompt; the matcher is the command name.
   */
  UserPromptExpansion?: HookMatcherList;
  /**
   * Runs when the main agent finishes responding (not on user interrupt); a blocking result keeps it working.
   */
  Stop?: HookMatcherList;
  /**
   * Runs when a turn ends on an API error; the matcher is the error type.
   */
  StopFailure?: HookMatcherList;
  /**
   * Runs while assistant message text is displayed (default hook timeout 10 s).
   */
  MessageDisplay?: HookMatcherList;
  /**
   * Runs when a subagent is started.
   */
  SubagentStart?: HookMatcherList;
  /**
   * Runs when a subagent finishes responding.
   */
  SubagentStop?: HookMatcherList;
  /**
   * Runs when an agent-team teammate is about to go idle; matchers are ignored.
   */
  TeammateIdle?: HookMatcherList;
  /**
   * Runs when a task is created; a blocking result rolls the creation back; matchers are ignored.
   */
  TaskCreated?: HookMatcherList;
  /**
   * Runs when a task is marked completed; a blocking result prevents it; matchers are ignored.
   */
  TaskCompleted?: HookMatcherList;
  /**
   * Runs before the conversation context is compacted.
   */
  PreCompact?: HookMatcherList;
  /**
   * Runs after the conversation context is compacted.
   */
  PostCompact?: HookMatcherList;
  /**
   * Runs when a CLAUDE.md or .claude/rules file is loaded into context.
   */
  InstructionsLoaded?: HookMatcherList;
  /**
   * Runs when an MCP server asks the user for input during a tool call.
   */
  Elicitation?: HookMatcherList;
  /**
   * Runs after the user answers an MCP elicitation, before the answer goes back to the server.
   */
  ElicitationResult?: HookMatcherList;
  /**
   * Runs when a session starts or resumes.
   */
  SessionStart?: HookMatcherList;
  /**
   * Runs when a session ends.
   */
  SessionEnd?: HookMatcherList;
  /**
   * Runs during repository initialization or maintenance (--init, --maintenance); undocumented by Claude Code.
   */
  Setup?: HookMatcherList;
  /**
   * Runs when the working directory changes; matchers are ignored.
   */
  CwdChanged?: HookMatcherList;
  /**
   * Runs when a watched file is created, modified or deleted; the matcher is the file name.
   */
  FileChanged?: HookMatcherList;
  /**
   * Runs when settings or skills change during a session; the matcher is user_settings, project_settings, local_settings, policy_settings or skills.
   */
  ConfigChange?: HookMatcherList;
  /**
   * Runs when a directory is added to the session; undocumented by Claude Code.
   */
  DirectoryAdded?: HookMatcherList;
  /**
   * Runs when a git worktree is created (--worktree or isolation: worktree); matchers are ignored.
   */
  WorktreeCreate?: HookMatcherList;
  /**
   * Runs when a git worktree is removed; matchers are ignored.
   */
  WorktreeRemove?: HookMatcherList;
}
