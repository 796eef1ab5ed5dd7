import { nearest } from '../core/did-you-mean.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { COMPONENT_KINDS, isValidName, KIND_INFO, SECRET_NAME, type KindInfo } from '../core/kinds.js';
import { asDocument, emptyComponents, noUnreadableNames, type Component, type ComponentBody, type ConfigRepo, type RawFile } from './model.js';
import type { ParseResult } from './parse-cache.js';
import { parseYaml, type YamlFile } from './yaml-file.js';
import { bodyTextOf } from './body-text.js';

const YAML_EXT = /\.ya?ml$/;
/** Notes beside components (a folder's README.md, .gitkeep, editor settings), not components themselves. */
const IGNORED = /(^|\/)(\.[^/]*|README\.md)$/i;
const SKILLS = `${KIND_INFO.skill.folder}/`;

/**
 * Inside a skill folder every file is a supporting file (a skill's README.md, `.env.example`, …):
 * Claude Code gives the skill its whole folder. skill.yaml and SKILL.md are the ones ccm reads itself.
 */
export function inSkillFolder(path: string): boolean {
  return path.startsWith(SKILLS) && path.indexOf('/', SKILLS.length) > 0;
}

/** What assemble asks of the parse cache (ParseCache): parses, and what it knows of bodies. */
interface AssembleCache {
  parse(file: RawFile): ParseResult;
  noteBody?(file: RawFile): { sha256: string; decoded: boolean };
  bodyDecoded?(sha256: string): void;
}

/** Pure: turns the files read from disk into the repo model, with a diagnostic for every file it cannot place. */
export function assembleRepo(
  root: string,
  config: RawFile | undefined,
  files: readonly RawFile[],
  cache?: AssembleCache,
): { repo: ConfigRepo; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const repo: ConfigRepo = {
    root,
    components: emptyComponents(),
    profiles: new Map(),
    projects: new Map(),
    secrets: new Map(),
    templates: new Map(),
    unreadable: noUnreadableNames(),
  };
  const parse = (f: RawFile): YamlFile<Record<string, unknown>> | undefined => {
    const r = cache ? cache.parse(f) : parseYaml(f.path, f.bytes);
    diagnostics.push(...r.diagnostics);
    return r.file;
  };
  const configFile = config && parse(config);
  if (configFile) repo.config = asDocument(configFile);

  const definitions: { info: KindInfo; name: string; file: RawFile }[] = [];
  const bodies = new Map<string, RawFile>();
  /** Supporting files (SKILL.md included) by skill, in the order read. */
  const skillFiles = new Map<string, { relPath: string; file: RawFile }[]>();
  // Profiles and projects differ only in their schema type here: a map of documents of either.
  const flatDocs: { map: Map<string, YamlFile<object>>; unreadable: Set<string>; file: RawFile; name: string }[] = [];

  for (const f of files) {
    if (IGNORED.test(f.path) && !inSkillFolder(f.path)) continue;
    if (f.path.startsWith('templates/')) {
      repo.templates.set(f.path.slice('templates/'.length), f);
      continue;
    }
    if (f.path.startsWith('secrets/')) {
      placeSecret(repo, f, diagnostics);
      continue;
    }
    if (f.path.startsWith('profiles/') || f.path.startsWith('projects/')) {
      const [folder, ...rest] = f.path.split('/');
      const [map, unreadable] = folder === 'profiles' ? [repo.profiles as Map<string, YamlFile<object>>, repo.unreadable.profiles] : [repo.projects as Map<string, YamlFile<object>>, repo.unreadable.projects];
      const rel = rest.join('/');
      if (!YAML_EXT.test(rel)) {
        diagnostics.push(warning('UNKNOWN_FILE', `ccm reads only .yaml files in ${folder}/; this file is ignored`, atStart(f.path)));
        continue;
      }
      const name = rel.replace(YAML_EXT, '');
      if (!isValidName(name, false)) {
        diagnostics.push(invalidName(f.path, name, false));
        continue;
      }
      flatDocs.push({ map, unreadable, file: f, name });
      continue;
    }
    const info = COMPONENT_KINDS.find((k) => f.path.startsWith(k.folder + '/'));
    if (!info) {
      diagnostics.push(unknownFolder(f.path));
      continue;
    }
    const rel = f.path.slice(info.folder.length + 1);
    if (info.kind === 'skill') {
      const slash = rel.indexOf('/');
      if (slash < 0) {
        diagnostics.push(error('UNKNOWN_FILE', 'a skill is a folder: put this file in components/skills/<name>/', atStart(f.path),
          'create components/skills/<name>/skill.yaml and SKILL.md'));
        continue;
      }
      const skill = rel.slice(0, slash);
      const inner = rel.slice(slash + 1);
      if (/^skill\.ya?ml$/.test(inner)) definitions.push({ info, name: skill, file: f });
      else {
        const list = skillFiles.get(skill);
        if (list) list.push({ relPath: inner, file: f });
        else skillFiles.set(skill, [{ relPath: inner, file: f }]);
      }
      continue;
    }
    if (rel.endsWith('.md')) {
      bodies.set(f.path.slice(0, -3), f);
      continue;
    }
    if (!YAML_EXT.test(rel)) {
      diagnostics.push(warning('UNKNOWN_FILE', `ccm reads .yaml and .md files in ${info.folder}/; this file is ignored`, atStart(f.path)));
      continue;
    }
    definitions.push({ info, name: rel.replace(YAML_EXT, ''), file: f });
  }

  for (const { map, unreadable, file, name } of flatDocs) {
    if (map.has(name)) {
      diagnostics.push(duplicate(file.path, map.get(name)!.path));
      continue;
    }
    const parsed = parse(file);
    if (parsed) map.set(name, asDocument(parsed));
    else unreadable.add(name);
  }

  /** Names taken per kind, lower-cased: two names that differ only in case clash in output file names. */
  const taken = new Map<string, Map<string, Component>>();
  for (const { info, name, file } of definitions) {
    if (!isValidName(name, info.nested)) {
      diagnostics.push(invalidName(file.path, name, info.nested));
      continue;
    }
    // Keyed by the kind the loop found: the map of that very kind.
    const byKind = repo.components[info.kind] as Map<string, Component>;
    let takenOfKind = taken.get(info.kind);
    if (!takenOfKind) taken.set(info.kind, (takenOfKind = new Map()));
    const clash = takenOfKind.get(name.toLowerCase());
    if (clash) {
      diagnostics.push(duplicate(file.path, clash.file.path));
      continue;
    }
    const base = file.path.replace(YAML_EXT, '');
    const parsed = parse(file);
    if (!parsed) {
      // Its body is not an orphan: the definition is there, only unreadable.
      bodies.delete(base);
      repo.unreadable.components[info.kind].add(name);
      continue;
    }
    const component: Component = { kind: info.kind, name, file: asDocument(parsed) };
    const ownFiles = info.kind === 'skill' ? (skillFiles.get(name) ?? []) : [];
    const bodyFile = info.kind === 'skill' ? ownFiles.find((s) => s.relPath === 'SKILL.md')?.file : bodies.get(base);
    if (bodyFile) {
      bodies.delete(base);
      const body = bodyOf(bodyFile, diagnostics, cache);
      if (body) component.body = body;
    }
    if (info.kind === 'skill') {
      component.files = ownFiles.filter((s) => s.relPath !== 'SKILL.md');
      diagnostics.push(...caseClashes(component.files));
    }
    byKind.set(name, component);
    takenOfKind.set(name.toLowerCase(), component);
  }

  const skillsWithDefinition = new Set(definitions.filter((d) => d.info.kind === 'skill').map((d) => d.name));
  for (const skill of skillFiles.keys()) {
    if (!skillsWithDefinition.has(skill)) {
      diagnostics.push(error('MISSING_CONFIG', `skill folder "${skill}" has no skill.yaml`, { file: `components/skills/${skill}` },
        `add components/skills/${skill}/skill.yaml with at least a description`));
    }
  }
  for (const [base, f] of bodies) {
    diagnostics.push(warning('ORPHAN_BODY', 'Markdown body has no YAML definition beside it, so nothing uses it', atStart(f.path),
      `add ${base}.yaml, or delete the Markdown file`));
  }
  return { repo, diagnostics };
}

/**
 * Supporting files of a skill that differ from each other (or from SKILL.md) only in case: on a
 * file system that ignores case (macOS, Windows) they would be written to one file.
 */
function caseClashes(files: readonly { relPath: string; file: RawFile }[]): Diagnostic[] {
  const seen = new Map<string, string>([['skill.md', 'SKILL.md']]);
  const out: Diagnostic[] = [];
  for (const { relPath, file } of [...files].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0))) {
    const other = seen.get(relPath.toLowerCase());
    if (other === undefined) seen.set(relPath.toLowerCase(), relPath);
    else out.push(error('OUTPUT_CLASH', `"${relPath}" and "${other}" differ only in case, so where file names ignore case (macOS, Windows) both are written to one file`, atStart(file.path), 'rename one of the two'));
  }
  return out;
}

/** Problems with a whole file point at its start, so that editors and CI annotations can place them. */
function atStart(file: string): { file: string; line: number; col: number } {
  return { file, line: 1, col: 1 };
}

/**
 * A component's body. One whose content decoded before (the parse cache says so) is decoded only
 * when something reads its text; a build whose outputs are known by their fingerprints never does.
 */
function bodyOf(f: RawFile, diagnostics: Diagnostic[], cache?: AssembleCache): ComponentBody | undefined {
  const note = cache?.noteBody?.(f);
  if (note?.decoded) {
    let text: string | undefined;
    return { path: f.path, sha256: note.sha256, get text(): string {
      return (text ??= bodyTextOf(f.bytes) ?? '');
    } };
  }
  const text = decodeBody(f, diagnostics);
  if (text === undefined) return undefined;
  if (note) cache?.bodyDecoded?.(note.sha256);
  return note ? { path: f.path, text, sha256: note.sha256 } : { path: f.path, text };
}

function decodeBody(f: RawFile, diagnostics: Diagnostic[]): string | undefined {
  if (f.bytes.includes(0)) {
    diagnostics.push(error('BINARY_FILE', 'Markdown body is binary (it contains NUL bytes)', { file: f.path, line: 1, col: 1 }, 'save it as UTF-8 text'));
    return undefined;
  }
  const text = bodyTextOf(f.bytes);
  if (text === undefined) {
    diagnostics.push(error('BINARY_FILE', 'Markdown body is not valid UTF-8 text', { file: f.path, line: 1, col: 1 }, 'save it as UTF-8'));
    return undefined;
  }
  return text;
}

function placeSecret(repo: ConfigRepo, f: RawFile, diagnostics: Diagnostic[]): void {
  const rel = f.path.slice('secrets/'.length);
  if (!rel.endsWith('.age') || rel.includes('/')) {
    diagnostics.push(warning('UNKNOWN_FILE', 'ccm reads only secrets/<NAME>.age files; this file is ignored', atStart(f.path)));
    return;
  }
  const name = rel.slice(0, -4);
  if (!SECRET_NAME.test(name)) {
    diagnostics.push(error('INVALID_NAME', `secret name "${name}" is not an environment-variable name (upper-case letters, digits and "_", not starting with a digit)`, atStart(f.path),
      `rename it to secrets/${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}.age`));
    return;
  }
  repo.secrets.set(name, { name, path: f.path });
}

function invalidName(path: string, name: string, nested: boolean): Diagnostic {
  return error('INVALID_NAME', `"${name}" is not a valid name: use letters, digits, ".", "_" and "-", starting with a letter or digit${nested ? ' (subfolders allowed)' : ''}`,
    atStart(path), 'rename the file; names become output file names, so they may not contain "..", spaces or a drive letter');
}

function duplicate(path: string, other: string): Diagnostic {
  return error('DUPLICATE_NAME', `defines the same name as ${other}`, { file: path, line: 1, col: 1 }, 'names must be unique per kind (case-insensitively); rename or delete one of the two files');
}

const KNOWN_FOLDERS = COMPONENT_KINDS.map((k) => k.folder);

function unknownFolder(path: string): Diagnostic {
  const parts = path.split('/');
  const depth = parts[1] === 'auto-claude' ? 3 : 2;
  const folder = parts.slice(0, depth).join('/');
  if (parts.length <= depth) {
    return warning('UNKNOWN_FILE', 'file directly in components/ is not part of any component kind; it is ignored', atStart(path),
      `component files go in one of: ${KNOWN_FOLDERS.join(', ')}`);
  }
  const known = `component folders are: ${KNOWN_FOLDERS.join(', ')}`;
  // Compare last segments only, so that the shared "components/" prefix does not make every folder look close.
  const segment = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  const meant = nearest(segment(folder), KNOWN_FOLDERS.map(segment));
  const best = meant === undefined ? undefined : KNOWN_FOLDERS.find((f) => segment(f) === meant);
  return error('UNKNOWN_FOLDER', `unknown component folder "${folder}"`, atStart(path), best ? `did you mean "${best}"?` : known);
}
