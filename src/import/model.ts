import { lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import type { ComponentKind, SelectionKey } from '../core/kinds.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { checkFolders } from '../io/no-follow.js';

/**
 * What a scan of an Auto-Claude installation or a Claude Code project found, before it meets the
 * config repo: drafts of components, projects and secrets, and what could not be read.
 */
export interface Scan {
  source: 'auto-claude' | 'claude';
  components: ComponentDraft[];
  projects: ProjectDraft[];
  secrets: SecretDraft[];
  /** Absolute path of the Auto-Claude backend, for ccm.config.yaml's autoClaude.backendPath. */
  backendDir?: string;
  diagnostics: Diagnostic[];
  /** Plain remarks for the summary (where model profiles came from, files ignored on purpose). */
  notes: string[];
  /** Every source file the import covers and how a build must reproduce it. */
  checks: RoundTripCheck[];
}

/** One component as it will be written: its YAML fields in order, body, supporting files. */
export interface ComponentDraft {
  kind: ComponentKind;
  /** Wanted name; the plan may rename it on a clash. */
  name: string;
  value: Record<string, unknown>;
  body?: string;
  /** Skills: supporting files, path relative to the skill folder; `executable`: the source has an execute bit. */
  files?: { relPath: string; bytes: Uint8Array; executable?: true }[];
  /** Display path of the source it came from. */
  source: string;
}

export interface ProjectDraft {
  name: string;
  /** Absolute project directory. */
  dir: string;
  description: string;
  targets: ('claude-code' | 'auto-claude')[];
  /** Components the project's profile (named like the project) selects. */
  selection: ComponentDraft[];
  /** `autoClaude` of projects/<name>.yaml; secret values appear as {@link SecretRef}. */
  autoClaude?: Record<string, unknown>;
  source: string;
}

export interface SecretDraft {
  /** Wanted name of secrets/<NAME>.age; the plan may rename it. */
  name: string;
  value: string;
  /** `file:line` where the value was found (never the value). */
  source: string;
}

/** A `{secret: NAME}` placeholder that follows its draft's final name. */
export class SecretRef {
  constructor(readonly draft: SecretDraft) {}
}

/** How a build must reproduce a source file: the same bytes, the same JSON value, the same .env values, or the same allowlist commands. */
export interface RoundTripCheck {
  /** Which build output root: a project (by draft) or the backend. */
  project?: ProjectDraft;
  /** Path inside the root (POSIX). */
  path: string;
  /** Absolute source path. */
  abs: string;
  mode: 'bytes' | 'json' | 'env' | 'allowlist';
}

export const SELECTION_KEY_OF: Partial<Record<ComponentKind, SelectionKey>> = {
  'mcp-server': 'mcp-servers',
  subagent: 'subagents',
  skill: 'skills',
  command: 'commands',
  hook: 'hooks',
  settings: 'settings',
  'claude-md': 'claude-md',
  'output-style': 'output-styles',
  rule: 'rules',
  'auto-claude-agent-config': 'agent-configs',
};

/** Paths in messages: relative to where the user ran ccm (POSIX). */
export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/**
 * Reads a source file below `within` (the folder being imported); a diagnostic instead of a throw
 * when it cannot be read. Only a regular file reached through real folders is read: a symlink on
 * the way could lead out of what is imported (`/etc/passwd`, a key file), so it is reported and
 * skipped, never followed.
 */
export function readSource(abs: string, shown: string, diagnostics: Diagnostic[], within: string): Buffer | undefined {
  const rel = relative(within, abs).split(sep).join('/');
  const folders = rel.startsWith('../') ? { ok: false as const, at: abs, what: 'outside the folder being imported' } : checkFolders(within, dirname(rel));
  let link = folders.ok ? undefined : folders.at;
  try {
    if (!link && lstatSync(abs).isSymbolicLink()) link = abs;
  } catch {
    // Unreadable or gone: reported below by the read itself.
  }
  if (link) {
    diagnostics.push(warning('IMPORT_SKIPPED', `${displayPath(within, link)} is a symlink: ccm imports only regular files, so this file is not imported`, { file: shown },
      'copy the file or folder it points to into place to import it'));
    return undefined;
  }
  try {
    return readFileSync(abs);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    diagnostics.push(error('UNREADABLE_FILE', `cannot read this file (${code ?? String(cause)}); it is not imported`, { file: shown, line: 1, col: 1 },
      code === 'EACCES' ? 'check its permissions, or run the import as a user who may read it' : undefined));
    return undefined;
  }
}

/** UTF-8 text of a source file; a diagnostic naming the line of the first invalid byte otherwise. */
export function decodeSource(bytes: Uint8Array, shown: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    diagnostics.push(error('BINARY_FILE', `not valid UTF-8 text (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}); it is not imported`,
      { file: shown, line, col: at - lineStart + 1 }, 'save the file as UTF-8 and import again'));
    return undefined;
  }
}

/** Offset of the first byte that breaks UTF-8 (bytes.length when there is none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += len;
  }
  return bytes.length;
}

export function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** A component or project name from a folder or file name: invalid characters become `-`. */
export function safeName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').replace(/\.\.+/g, '.');
  return cleaned || 'project';
}


