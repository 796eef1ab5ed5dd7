/**
 * The rules of Auto-Claude's `_validate_custom_mcp_server` (v2.7.5), which silently drops an entry
 * of CUSTOM_MCP_SERVERS that breaks one. The one copy of them: validate, render and import all ask
 * here, and the project schema keeps only the generic shape (a test holds the command list to it).
 */

/** The fields the runtime accepts, in the order ccm writes them. */
export const CUSTOM_MCP_FIELDS = ['id', 'name', 'type', 'command', 'args', 'url', 'headers', 'description'] as const;

/** Bare executables the backend starts for a `command` server. */
export const CUSTOM_MCP_COMMANDS: readonly string[] = ['npx', 'npm', 'node', 'python', 'python3', 'uv', 'uvx'];

/** Interpreter flags that run inline code: the backend's DANGEROUS_FLAGS. */
export const CODE_RUNNING_FLAGS: readonly string[] = [
  '--eval', '-e', '-c', '--exec', '-m', '-p', '--print', '--input-type=module', '--experimental-loader', '--require', '-r',
];

/**
 * Whether the runtime refuses this arg: one of the flags exactly, or a flag written with its value
 * (`--eval=…`, `--experimental-loader=./hook.mjs`), which node and python read the same way.
 */
export function isCodeRunningArg(arg: string): boolean {
  return CODE_RUNNING_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`));
}

/** How messages name an entry of customMcpServers. */
export function customMcpLabel(entry: Record<string, unknown>, index: number): string {
  const id = entry['id'];
  return typeof id === 'string' && id ? `custom MCP server "${id}"` : `custom MCP server #${index + 1}`;
}

/** The message and hint for a refused arg, the same from validate and from render. */
export function codeRunningArgProblem(label: string, arg: string): { message: string; hint: string } {
  return {
    message: `${label}: Auto-Claude rejects the code-running flag "${arg}" and drops the server`,
    hint: 'start a script or package instead of passing inline code',
  };
}
