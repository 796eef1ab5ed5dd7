/** Where an output file goes: a project directory, or the Auto-Claude backend installation. */
export type OutputRoot = { kind: 'project'; project: string; dir: string } | { kind: 'backend'; dir: string };

/** A file ccm owns completely: render produces its exact bytes. */
export interface OutputFile {
  /** POSIX path relative to the root's directory, e.g. `.claude/agents/reviewer.md`. */
  path: string;
  content: string | Uint8Array;
  /** Repo-relative source files that produced it (YAML, Markdown, templates). */
  sources: string[];
  /** For JSON outputs and `.auto-claude/.env`: top-level or dotted key → the source file (`file:line`) that set it. */
  keySources?: Record<string, string>;
  /** Holds decrypted secret values: must be ignored by git, is never shown in a diff, log or --json. */
  secret?: boolean;
  /** Written with mode 0755: a verbatim copy of an executable source file (a skill's script). */
  executable?: true;
  /** Secret files (dotenv): the keys whose values hold secrets, for the manifest (plan/secret-entry.ts). */
  secretKeys?: string[];
  /** Of exactly what its template saw (render/memo.ts); absent for outputs holding secrets and renders that reported anything. */
  fingerprint?: string;
  /**
   * This machine rendered the same fingerprint before, into bytes hashing to `sha256`: `content`
   * is rendered only when read, which the plan skips when the disk still holds those bytes.
   */
  reused?: { sha256: string };
}

/**
 * Auto-Claude's `task_metadata.json` files (one per spec folder in `.auto-claude/specs/`) are not ccm's: the frontend writes
 * them. ccm updates only the `set` keys (the model profile) in place and leaves every other key as
 * it was. Which spec folders exist is a fact of the disk, so the plan stage finds them.
 */
export interface SpecMetadataPatch {
  set: Record<string, unknown>;
  /** `incomplete`: only specs whose implementation plan is not finished. */
  specs: 'all' | 'incomplete';
  sources: string[];
}

/**
 * A JSON file of a fixed path that the Auto-Claude app writes too (`.auto-claude/github/config.json`,
 * `.auto-claude/gitlab/config.json`): the same rule as for task_metadata.json, ccm sets the `set`
 * keys in place and keeps every other key as the app left it. Not in the manifest (ccm does not
 * own the file); a missing file is created with ccm's keys only.
 */
export interface JsonFilePatch {
  path: string;
  set: Record<string, unknown>;
  sources: string[];
  /** A value in `set` is a decrypted secret: the file is written 0600, must be ignored by git, and no diff shows it. */
  secret?: boolean;
  /** The keys of `set` that hold secrets (left out of comparisons when the values cannot be decrypted). */
  secretKeys?: string[];
}

export interface RenderedRoot {
  root: OutputRoot;
  files: OutputFile[];
  specPatch?: SpecMetadataPatch;
  filePatches?: JsonFilePatch[];
}

/** Looks up a decrypted secret value; undefined when secrets are unavailable (no identity, no file). */
export type SecretLookup = (name: string) => string | undefined;

/** What rendering one output root produced: the plan's input. */
export interface RenderedTarget {
  root: OutputRoot;
  files: OutputFile[];
  specPatch?: SpecMetadataPatch;
  /** Keys ccm sets in JSON files the Auto-Claude app writes too (its GitHub/GitLab settings). */
  filePatches?: JsonFilePatch[];
}
