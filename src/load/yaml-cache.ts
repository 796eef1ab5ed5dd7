import type { Diagnostic } from '../diagnostics.js';
import { parseYaml, type YamlFile } from './yaml-file.js';

/**
 * Parsed YAML kept between builds in one process (`ccm watch`): a file whose bytes did not change
 * is not parsed again. Later stages never modify a parsed file (one component already serves every
 * project of a build), so sharing it between builds is as safe as sharing it between projects.
 */
export class YamlCache {
  private entries = new Map<string, { bytes: Uint8Array; result: ParseResult }>();
  private used = new Map<string, { bytes: Uint8Array; result: ParseResult }>();

  parse(path: string, bytes: Uint8Array): ParseResult {
    const hit = this.entries.get(path) ?? this.used.get(path);
    const entry = hit && Buffer.compare(hit.bytes, bytes) === 0 ? hit : { bytes, result: parseYaml(path, bytes) };
    this.used.set(path, entry);
    return entry.result;
  }

  /** Forgets the files not parsed since the previous call (deleted or renamed ones). */
  sweep(): void {
    this.entries = this.used;
    this.used = new Map();
  }
}

type ParseResult = { file?: YamlFile; diagnostics: Diagnostic[] };
