/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/mcp-server.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { EnvVarName, HeaderMap, SecretEnvMap, SecretRef, StringOrSecret } from './common.js';

/**
 * An MCP server (components/mcp-servers/<name>.yaml): one entry of .mcp.json's mcpServers, keyed by the file name; 'type' selects the fields (stdio when omitted). Keys ccm does not know are kept and written unchanged with an UNKNOWN_FIELD warning (an error under strict: true in ccm.config.yaml).
 */
export type McpServer = McpServerStdio | McpServerHttp | McpServerWs;

/**
 * A local MCP server that Claude Code starts as a child process and talks to over stdin/stdout.
 */
export interface McpServerStdio {
  /**
   * What the server is for; ccm only, not written to .mcp.json.
   */
  description?: string;
  /**
   * When true, Claude Code loads the server's tools into context up front instead of deferring them to tool search.
   */
  alwaysLoad?: boolean;
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
 * A remote MCP server reached over streamable HTTP ('http') or server-sent events ('sse').
 */
export interface McpServerHttp {
  /**
   * What the server is for; ccm only, not written to .mcp.json.
   */
  description?: string;
  /**
   * When true, Claude Code loads the server's tools into context up front instead of deferring them to tool search.
   */
  alwaysLoad?: boolean;
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
   * When true, Claude Code loads the server's tools into context up front instead of deferring them to tool search.
   */
  alwaysLoad?: boolean;
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
