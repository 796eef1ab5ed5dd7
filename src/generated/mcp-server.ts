/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/mcp-server.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

/**
 * An MCP server (components/mcp-servers/<name>.yaml): one entry of .mcp.json's mcpServers, keyed by the file name; 'type' selects the fields (stdio when omitted).
 */
export type McpServer = McpServerStdio | McpServerHttp | McpServerWs;
/**
 * A literal string (which may contain ${VAR} references) or a secret reference {secret: NAME}.
 */
export type StringOrSecret = string | SecretRef;
/**
 * An environment-variable name: upper-case letters, digits and '_', not starting with a digit.
 */
export type EnvVarName = string;

/**
 * A local MCP server that Claude Code starts as a child process and talks to over stdin/stdout.
 */
export interface McpServerStdio {
  /**
   * What the server is for; ccm only, not written to .mcp.json.
   */
  description?: string;
  /**
   * Transport: 'stdio' (may be omitted).
   */
  type?: 'stdio';
  /**
   * Executable Claude Code starts; ${VAR} and ${VAR:-default} are expanded by Claude Code.
   */
  command: string;
  /**
   * Arguments passed to the command; ${VAR} references are expanded by Claude Code.
   */
  args?: string[];
  /**
   * Environment of the server process; a secret reference is written as ${NAME} so the value comes from the environment, never from .mcp.json.
   */
  env?: SecretEnvMap;
}
/**
 * Environment variables for a process: variable name to a literal string or a secret reference.
 */
export interface SecretEnvMap {
  [k: string]: StringOrSecret;
}
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
 * A remote MCP server reached over streamable HTTP ('http') or server-sent events ('sse').
 */
export interface McpServerHttp {
  /**
   * What the server is for; ccm only, not written to .mcp.json.
   */
  description?: string;
  /**
   * Transport: 'http' (streamable HTTP) or 'sse' (server-sent events).
   */
  type: 'http' | 'sse';
  /**
   * Server endpoint; ${VAR} references are expanded by Claude Code.
   */
  url: string;
  /**
   * Request headers; a secret reference is written as ${NAME}, which Claude Code expands from the environment.
   */
  headers?: HeaderMap;
  /**
   * Command whose JSON output Claude Code adds as request headers (project servers need folder trust).
   */
  headersHelper?: string;
  /**
   * OAuth client settings for servers that need a pre-registered client.
   */
  oauth?: McpOauth;
}
/**
 * HTTP headers sent with each request: header name to a literal string or a secret reference.
 */
export interface HeaderMap {
  [k: string]: StringOrSecret;
}
/**
 * OAuth settings Claude Code uses when authorizing against the server.
 */
export interface McpOauth {
  /**
   * Pre-registered OAuth client ID Claude Code presents instead of dynamic client registration.
   */
  clientId?: string;
  /**
   * Fixed local port for the OAuth redirect, for providers that require a registered callback URL.
   */
  callbackPort?: number;
  /**
   * HTTPS URL of the authorization-server metadata, overriding automatic discovery.
   */
  authServerMetadataUrl?: string;
  /**
   * Space-separated OAuth scopes Claude Code requests.
   */
  scopes?: string;
  /**
   * When true, Claude Code authorizes through Cross-App Access (enterprise identity provider) instead of a browser login.
   */
  xaa?: boolean;
}
/**
 * A remote MCP server reached over a WebSocket.
 */
export interface McpServerWs {
  /**
   * What the server is for; ccm only, not written to .mcp.json.
   */
  description?: string;
  /**
   * Transport: 'ws' (WebSocket).
   */
  type: 'ws';
  /**
   * WebSocket endpoint; ${VAR} references are expanded by Claude Code.
   */
  url: string;
  /**
   * Handshake headers; a secret reference is written as ${NAME}, which Claude Code expands from the environment.
   */
  headers?: HeaderMap;
  /**
   * Command whose JSON output Claude Code adds as handshake headers (project servers need folder trust).
   */
  headersHelper?: string;
}
