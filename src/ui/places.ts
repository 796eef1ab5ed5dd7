import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COMPONENT_KINDS, isValidName, KIND_INFO, type ComponentKind } from '../core/kinds.js';
import type { DocumentKind } from './api-types.js';
import { ApiFailure } from './failure.js';

/*
 * Where a document of the config repo lives, from its kind and name, the way the load stage reads
 * it (src/core/kinds.ts): `<folder>/<name>.yaml` (+ `.md` body), skills as `<name>/skill.yaml` +
 * `SKILL.md`, profiles and projects flat. A name is checked before any path is made from it, so no
 * request can name a file outside its folder.
 */

export interface Place {
  kind: DocumentKind;
  name: string;
  /** Repo-relative path of the YAML file (`.yml` when that is what exists). */
  yaml: string;
  /** Repo-relative path of the Markdown body, for kinds that have one. */
  body?: string;
  folder: string;
}

const PLURAL: Record<string, ComponentKind> = Object.fromEntries(COMPONENT_KINDS.flatMap((k) => [[k.folder.slice('components/'.length), k.kind], ...(k.selectionKey ? [[k.selectionKey, k.kind]] : [])]));

/** A component kind from a URL segment: `subagent`, or its folder or selection key (`subagents`, `auto-claude/prompts`). */
export function componentKind(raw: string): ComponentKind {
  if (raw in KIND_INFO) return raw as ComponentKind;
  const kind = PLURAL[raw];
  if (kind) return kind;
  throw new ApiFailure(400, 'UNKNOWN_KIND', `unknown component kind "${raw}"`, { hint: `kinds: ${COMPONENT_KINDS.map((k) => k.kind).join(', ')}` });
}

export function folderOf(kind: DocumentKind): string {
  return kind === 'profile' ? 'profiles' : kind === 'project' ? 'projects' : KIND_INFO[kind].folder;
}

export function hasBody(kind: DocumentKind): boolean {
  return kind !== 'profile' && kind !== 'project' && KIND_INFO[kind].body;
}

/** The place of a document, `.yaml` unless only a `.yml` exists. 400 for a name that is no valid name of its kind. */
export async function placeOf(root: string, kind: DocumentKind, name: string): Promise<Place> {
  const nested = kind !== 'profile' && kind !== 'project' && KIND_INFO[kind].nested;
  if (typeof name !== 'string' || !isValidName(name, nested)) {
    throw new ApiFailure(400, 'INVALID_NAME', `"${String(name)}" is not a valid name`, {
      hint: `use letters, digits, ".", "_" and "-", starting with a letter or digit${nested ? ' (subfolders with "/")' : ''}; no "..", spaces or slashes${nested ? ' at the ends' : ''}`,
    });
  }
  const folder = folderOf(kind);
  if (kind === 'skill') {
    const yaml = (await isFile(root, `${folder}/${name}/skill.yml`)) && !(await isFile(root, `${folder}/${name}/skill.yaml`)) ? `${folder}/${name}/skill.yml` : `${folder}/${name}/skill.yaml`;
    return { kind, name, yaml, body: `${folder}/${name}/SKILL.md`, folder };
  }
  const base = `${folder}/${name}`;
  const yaml = (await isFile(root, `${base}.yml`)) && !(await isFile(root, `${base}.yaml`)) ? `${base}.yml` : `${base}.yaml`;
  return { kind, name, yaml, ...(hasBody(kind) ? { body: `${base}.md` } : {}), folder };
}

/** A regular file's text, undefined when there is none; a link or a folder in its place is refused. */
export async function readText(root: string, path: string): Promise<string | undefined> {
  const abs = join(root, path);
  let info;
  try {
    info = await lstat(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
  if (!info.isFile()) throw new ApiFailure(409, 'NOT_A_FILE', `${path} is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; ccm ui edits only regular files`, { hint: 'edit it in your editor' });
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readFile(abs));
  return text;
}

async function isFile(root: string, path: string): Promise<boolean> {
  try {
    return (await lstat(join(root, path))).isFile();
  } catch {
    return false;
  }
}
