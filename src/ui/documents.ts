import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { YamlEdits } from '../adopt/yaml-edits.js';
import { renameInComponents } from './rename-references.js';
import { KIND_INFO, type ComponentKind } from '../core/kinds.js';
import type { Diagnostic } from '../diagnostics.js';
import { applyPlans } from '../io/apply.js';
import type { FileWrite } from '../io/transaction.js';
import type { ConfigRepo } from '../load/model.js';
import { parseYaml, type YamlFile } from '../load/yaml-file.js';
import type { CreateRequest, DeleteResponse, DocumentDraft, DocumentKind, DocumentList, DocumentListItem, DocumentRead, FieldEdit, RenameRequest, SaveRequest, SaveResponse } from './api-types.js';
import { ApiFailure, badRequest, notFound, toApiDiagnostic } from './failure.js';
import { folderOf, hasBody, placeOf, readText, type Place } from './places.js';
import type { Workspace } from './workspace.js';

/*
 * The documents of the config repo (components, profiles, projects) as the API reads and writes
 * them. Reading goes through the load stage (diagnostics through validate, as `ccm validate`);
 * every write is checked first as a draft through the same pipeline, refused when the document
 * itself has errors, and then written through src/io's transaction (staged, renamed into place,
 * all or nothing, never through a link). A write names the revision it was based on: when the disk
 * holds anything else by then, nothing is written and the answer is 409 with both versions.
 */

interface OnDisk {
  text: string;
  body: string | undefined;
}

const enc = new TextEncoder();

export function revisionOf(text: string, body: string | undefined): string {
  return createHash('sha256').update(text).update(body === undefined ? '\u0000none' : `\u0000body\u0000${body}`).digest('hex').slice(0, 32);
}

async function onDisk(root: string, place: Place): Promise<OnDisk | undefined> {
  const text = await readText(root, place.yaml);
  if (text === undefined) return undefined;
  return { text, body: place.body ? await readText(root, place.body) : undefined };
}

function own(place: Place, d: Diagnostic): boolean {
  return d.file === place.yaml || (place.body !== undefined && d.file === place.body);
}

function documentOf(place: Place, disk: OnDisk, diagnostics: readonly Diagnostic[]): DocumentRead {
  const parsed = parseYaml(place.yaml, enc.encode(disk.text));
  return {
    kind: place.kind,
    name: place.name,
    path: place.yaml,
    text: disk.text,
    body: place.body && disk.body !== undefined ? { path: place.body, text: disk.body } : null,
    fields: parsed.file ? parsed.file.value : null,
    diagnostics: diagnostics.filter((d) => own(place, d)).map(toApiDiagnostic),
    revision: revisionOf(disk.text, disk.body),
  };
}

export async function listDocuments(ws: Workspace, kind: DocumentKind): Promise<DocumentList> {
  const { repo, diagnostics } = await ws.check();
  const entries = namesOf(repo, kind);
  const items: DocumentListItem[] = [];
  for (const [name, path, bodyPath, value] of entries) {
    const mine = diagnostics.filter((d) => d.file === path || (bodyPath !== undefined && d.file === bodyPath));
    const description = value && typeof value['description'] === 'string' ? value['description'] : undefined;
    items.push({
      kind,
      name,
      path,
      ...(bodyPath ? { bodyPath } : {}),
      ...(description !== undefined ? { description } : {}),
      usedBy: kind === 'profile' || kind === 'project' ? [] : selectors(repo, kind, name),
      errors: mine.filter((d) => d.severity === 'error').length,
      warnings: mine.filter((d) => d.severity === 'warning').length,
    });
  }
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind, folder: folderOf(kind), hasBody: hasBody(kind), items };
}

/** Name, YAML path, body path and value of each document of a kind, unreadable ones (a syntax error) included. */
function namesOf(repo: ConfigRepo, kind: DocumentKind): [string, string, string | undefined, Record<string, unknown> | undefined][] {
  if (kind === 'profile' || kind === 'project') {
    const map = kind === 'profile' ? repo.profiles : repo.projects;
    const unreadable = kind === 'profile' ? repo.unreadable.profiles : repo.unreadable.projects;
    return [
      ...[...map].map(([name, file]): [string, string, undefined, Record<string, unknown>] => [name, file.path, undefined, file.value as unknown as Record<string, unknown>]),
      ...[...unreadable].map((name): [string, string, undefined, undefined] => [name, `${folderOf(kind)}/${name}.yaml`, undefined, undefined]),
    ];
  }
  const info = KIND_INFO[kind];
  return [
    ...[...repo.components[kind]].map(([name, c]): [string, string, string | undefined, Record<string, unknown>] => [name, c.file.path, c.body?.path, c.file.value as unknown as Record<string, unknown>]),
    ...[...repo.unreadable.components[kind]].map((name): [string, string, string | undefined, undefined] => [
      name,
      kind === 'skill' ? `${info.folder}/${name}/skill.yaml` : `${info.folder}/${name}.yaml`,
      info.body ? (kind === 'skill' ? `${info.folder}/${name}/SKILL.md` : `${info.folder}/${name}.md`) : undefined,
      undefined,
    ]),
  ];
}

/** The profiles and projects whose `components:` name this component directly. */
export function selectors(repo: ConfigRepo, kind: ComponentKind, name: string): string[] {
  const key = KIND_INFO[kind].selectionKey;
  if (!key) return [];
  const out: string[] = [];
  for (const [label, map] of [['profiles', repo.profiles], ['projects', repo.projects]] as const) {
    for (const [doc, file] of map) {
      const selection = (file.value as { components?: Record<string, unknown> }).components?.[key];
      if (Array.isArray(selection) && selection.includes(name)) out.push(`${label}/${doc}`);
    }
  }
  return out.sort();
}

export async function readDocument(ws: Workspace, kind: DocumentKind, name: string): Promise<DocumentRead> {
  const place = await placeOf(ws.root, kind, name);
  const disk = await onDisk(ws.root, place);
  if (!disk) throw notFound(`no ${describe(kind)} "${name}" (${place.yaml})`, `POST to create it`);
  const { diagnostics } = await ws.check();
  return documentOf(place, disk, diagnostics);
}

/** PUT: the whole new text or field edits to the disk's text, checked, then written if the base is still what is on disk. */
export function saveDocument(ws: Workspace, kind: DocumentKind, name: string, request: SaveRequest): Promise<SaveResponse> {
  return ws.serialized(async () => {
    const place = await placeOf(ws.root, kind, name);
    const disk = await onDisk(ws.root, place);
    if (!disk) throw notFound(`no ${describe(kind)} "${name}" (${place.yaml}): it may have been deleted meanwhile`);
    await assertBase(ws, place, disk, request.baseRevision, request);
    const text = request.text ?? applyEdits(place, disk.text, request.edits);
    const body = request.body === undefined ? disk.body : (request.body ?? undefined);
    return write(ws, place, { text, body }, disk);
  });
}

export function createDocument(ws: Workspace, kind: DocumentKind, request: CreateRequest): Promise<SaveResponse> {
  return ws.serialized(async () => {
    if (typeof request.name !== 'string') throw badRequest('"name" is required');
    if (typeof request.text !== 'string') throw badRequest('"text" (the YAML of the new document) is required');
    const place = await placeOf(ws.root, kind, request.name);
    const { repo } = await ws.load();
    if ((await onDisk(ws.root, place)) || taken(repo, kind, request.name)) {
      throw new ApiFailure(409, 'EXISTS', `${describe(kind)} "${request.name}" exists already (${place.yaml})`, { hint: 'pick another name, or PUT to change it' });
    }
    const body = hasBody(kind) && typeof request.body === 'string' ? request.body : undefined;
    return write(ws, place, { text: request.text, body }, undefined);
  });
}

export function renameDocument(ws: Workspace, kind: DocumentKind, name: string, request: RenameRequest): Promise<SaveResponse> {
  return ws.serialized(async () => {
    const from = await placeOf(ws.root, kind, name);
    if (typeof request.to !== 'string') throw badRequest('"to" (the new name) is required');
    const to = await placeOf(ws.root, kind, request.to);
    const disk = await onDisk(ws.root, from);
    if (!disk) throw notFound(`no ${describe(kind)} "${name}" (${from.yaml})`);
    await assertBase(ws, from, disk, request.baseRevision, { text: disk.text });
    const { repo } = await ws.load();
    if (request.to.toLowerCase() !== name.toLowerCase() && ((await onDisk(ws.root, to)) || taken(repo, kind, request.to))) {
      throw new ApiFailure(409, 'EXISTS', `${describe(kind)} "${request.to}" exists already`, { hint: 'pick another name' });
    }
    const toYaml = from.yaml.endsWith('.yml') ? to.yaml.replace(/\.yaml$/, '.yml') : to.yaml;
    const target: Place = { ...to, yaml: toYaml };
    const moves = kind === 'skill' ? skillFiles(repo, name).filter((rel) => rel !== 'SKILL.md').map((rel) => [`${from.folder}/${name}/${rel}`, `${to.folder}/${request.to}/${rel}`] as const) : [];
    return write(ws, target, disk, undefined, from, moves, referenceEdits(repo, kind, name, request.to, from.yaml));
  });
}

export function deleteDocument(ws: Workspace, kind: DocumentKind, name: string, baseRevision: string | undefined): Promise<DeleteResponse> {
  return ws.serialized(async () => {
    const place = await placeOf(ws.root, kind, name);
    const disk = await onDisk(ws.root, place);
    if (!disk) throw notFound(`no ${describe(kind)} "${name}" (${place.yaml})`);
    await assertBase(ws, place, disk, baseRevision, { text: disk.text });
    const { repo } = await ws.load();
    const extra = kind === 'skill' ? skillFiles(repo, name).map((rel) => `${place.folder}/${name}/${rel}`) : [];
    const removed = [...new Set([place.yaml, ...(place.body && disk.body !== undefined ? [place.body] : []), ...extra])];
    const after = await ws.check(new Map(removed.map((p) => [p, null])));
    await applyPlans([], [{ root: ws.root, writes: [], deletes: removed }]);
    return { removed, elsewhere: after.diagnostics.filter((d) => d.severity === 'error').map(toApiDiagnostic) };
  });
}

/** 409 with both versions unless the disk still holds what the client read. */
async function assertBase(ws: Workspace, place: Place, disk: OnDisk, base: string | undefined, yours: DocumentDraft): Promise<void> {
  if (typeof base !== 'string' || base === '') throw badRequest('"baseRevision" is required: the revision of the document as you read it', 'GET the document first');
  if (revisionOf(disk.text, disk.body) === base) return;
  const { diagnostics } = await ws.check();
  throw new ApiFailure(409, 'STALE_REVISION', `${place.yaml} changed on disk since you read it; nothing was written`, {
    hint: 'compare the two versions, then save again with the current revision',
    extra: { current: documentOf(place, disk, diagnostics), yours },
  });
}

function applyEdits(place: Place, text: string, edits: readonly FieldEdit[] | undefined): string {
  if (!Array.isArray(edits)) throw badRequest('send "text" (the whole YAML) or "edits" (field changes)');
  const parsed = parseYaml(place.yaml, enc.encode(text));
  if (!parsed.file) {
    throw new ApiFailure(422, 'INVALID_DRAFT', `${place.yaml} does not parse, so field edits cannot be applied to it`, { hint: 'fix it in the source editor and send the whole text', diagnostics: parsed.diagnostics });
  }
  const yaml = new YamlEdits();
  for (const edit of edits) {
    if (!edit || !Array.isArray(edit.path) || edit.path.length === 0 || !edit.path.every((s: unknown) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0))) {
      throw badRequest('each edit needs a "path": a non-empty list of keys and list indexes');
    }
    if ('delete' in edit && edit.delete === true) yaml.delete(parsed.file, edit.path);
    else if ('value' in edit) yaml.set(parsed.file, edit.path, edit.value);
    else throw badRequest('each edit needs a "value" or "delete": true');
  }
  return yaml.files()[0]?.after ?? text;
}

/**
 * Checks the document as it will be, through the whole pipeline, and writes it in one transaction:
 * its YAML and body (a body of null removes the file), moved files for a rename, old files removed.
 */
async function write(ws: Workspace, place: Place, next: OnDisk, before: OnDisk | undefined, renamedFrom?: Place, moves: readonly (readonly [string, string])[] = [], edited: readonly FileWrite[] = []): Promise<SaveResponse> {
  const writes: FileWrite[] = [{ path: place.yaml, content: next.text }, ...edited];
  const deletes: string[] = [];
  if (place.body !== undefined) {
    if (next.body !== undefined) writes.push({ path: place.body, content: next.body });
    else if (before?.body !== undefined) deletes.push(place.body);
  }
  for (const [from, to] of moves) {
    // Bytes as they are: a skill's supporting files may be binary.
    const bytes = await readFile(join(ws.root, from));
    writes.push({ path: to, content: bytes });
    deletes.push(from);
  }
  if (renamedFrom) {
    deletes.push(renamedFrom.yaml);
    if (renamedFrom.body !== undefined && before === undefined && next.body !== undefined) deletes.push(renamedFrom.body);
  }
  const overlay = new Map<string, Uint8Array | null>([...deletes.map((p): [string, null] => [p, null]), ...writes.map((w): [string, Uint8Array] => [w.path, typeof w.content === 'string' ? enc.encode(w.content) : w.content])]);
  const { diagnostics } = await ws.check(overlay);
  const mine = diagnostics.filter((d) => own(place, d));
  const errors = mine.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new ApiFailure(422, 'INVALID_DRAFT', `${place.yaml} has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was written`, { hint: 'fix them (each names its line and column) and save again', diagnostics: mine });
  }
  const uniqueDeletes = [...new Set(deletes)].filter((d) => !writes.some((w) => w.path === d));
  await applyPlans([], [{ root: ws.root, writes, deletes: uniqueDeletes }]);
  return {
    document: documentOf(place, next, diagnostics),
    written: writes.map((w) => w.path),
    removed: uniqueDeletes,
    elsewhere: diagnostics.filter((d) => d.severity === 'error' && !own(place, d)).map(toApiDiagnostic),
  };
}

/**
 * A rename carries its references along: the profiles and projects that select the component (or
 * extend or use the profile, and ccm.config.yaml's default profiles) and the components that name it
 * (renameInComponents) name it anew, edited in place so the rest of each file stays as written.
 */
function referenceEdits(repo: ConfigRepo, kind: DocumentKind, name: string, to: string, renamed: string): FileWrite[] {
  const edits = new YamlEdits();
  const rename = (file: YamlFile, path: readonly (string | number)[], list: unknown): void => {
    if (file.path === renamed) return;
    if (Array.isArray(list)) list.forEach((n, i) => n === name && edits.set(file, [...path, i], to));
    else if (list === name) edits.set(file, path, to);
  };
  if (kind === 'profile') {
    for (const file of repo.profiles.values()) rename(file, ['extends'], (file.value as { extends?: unknown }).extends);
    for (const file of repo.projects.values()) rename(file, ['profiles'], (file.value as { profiles?: unknown }).profiles);
    if (repo.config) rename(repo.config, ['defaults', 'profiles'], (repo.config.value as { defaults?: { profiles?: unknown } }).defaults?.profiles);
  } else if (kind !== 'project') {
    const key = KIND_INFO[kind].selectionKey;
    if (key) {
      for (const file of [...repo.profiles.values(), ...repo.projects.values()]) {
        rename(file, ['components', key], (file.value as { components?: Record<string, unknown> }).components?.[key]);
      }
    }
    renameInComponents(repo, kind, name, to, edits, renamed);
  }
  return edits.files().map((f) => ({ path: f.path, content: f.after }));
}

function taken(repo: ConfigRepo, kind: DocumentKind, name: string): boolean {
  const lower = name.toLowerCase();
  const names = kind === 'profile' ? [...repo.profiles.keys(), ...repo.unreadable.profiles] : kind === 'project' ? [...repo.projects.keys(), ...repo.unreadable.projects] : [...repo.components[kind].keys(), ...repo.unreadable.components[kind]];
  return names.some((n) => n.toLowerCase() === lower);
}

/** A skill's files besides skill.yaml, SKILL.md included, relative to its folder. */
function skillFiles(repo: ConfigRepo, name: string): string[] {
  const skill = repo.components.skill.get(name);
  return [...(skill?.body ? ['SKILL.md'] : []), ...(skill?.files ?? []).map((f) => f.relPath)];
}

function describe(kind: DocumentKind): string {
  return kind === 'profile' || kind === 'project' ? kind : KIND_INFO[kind].noun;
}
