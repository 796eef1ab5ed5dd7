import type { Diagnostic } from '../diagnostics.js';
import type { ConfigRepo } from '../load/model.js';
import type { OutputFile } from '../render/types.js';
import type { ResolvedProject } from '../resolve/types.js';
import { registerSecret } from '../secrets/redact.js';
import { secretSegment } from '../import/auto-claude/env-map.js';
import type { Sharing } from './sharing.js';
import type { YamlEdits } from './yaml-edits.js';

/** One drifted output, and everything an adopter needs to take it back into the config repo. */
export interface AdoptContext {
  repo: ConfigRepo;
  project: ResolvedProject;
  /** What the build would write now. */
  output: OutputFile;
  /** What is on disk. */
  disk: Uint8Array;
  /** The output as messages show it (root folder + path, as the build's DRIFTED does). */
  shown: string;
  sharing: Sharing;
  edits: YamlEdits;
  secrets: SecretWrites;
  diagnostics: Diagnostic[];
}

/** What adopt did with one drifted output: key names only, never a value. */
export interface FileReport {
  project: string;
  path: string;
  /** Keys whose new value is taken, with where it goes (a YAML path, or the secret that holds it). */
  taken: { key: string; into: string }[];
  /** Keys the file lost: they stay in the YAML, so the next build writes them back. */
  dropped: string[];
  /** Keys the file gained with an empty value: nothing to take. */
  ignored: string[];
  /** Keys written as secrets (new secrets or new values of existing ones). */
  secretKeys: string[];
}

export function emptyReport(project: string, path: string): FileReport {
  return { project, path, taken: [], dropped: [], ignored: [], secretKeys: [] };
}

/**
 * Secret values an adopt writes into `secrets/<NAME>.age`: new values of existing secrets, and
 * new secrets named like the import names them (the key, then `<KEY>_<PROJECT>` on a clash).
 * Every value is registered with the redactor the moment it is known.
 */
export class SecretWrites {
  readonly values = new Map<string, string>();
  readonly created = new Set<string>();

  constructor(private readonly existing: ReadonlySet<string>) {}

  update(name: string, value: string): void {
    registerSecret(name, value);
    this.values.set(name, value);
  }

  create(wanted: string, project: string, value: string): string {
    const taken = (n: string): boolean => this.existing.has(n) || this.values.has(n);
    let name = wanted;
    if (taken(name)) name = `${wanted}_${secretSegment(project)}`;
    for (let n = 2; taken(name); n++) name = `${wanted}_${secretSegment(project)}_${n}`;
    this.created.add(name);
    this.update(name, value);
    return name;
  }
}
