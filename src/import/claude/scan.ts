import { readdirSync, realpathSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { lenientFrontmatter, parseFrontmatterYaml, splitFrontmatter } from '../../core/frontmatter.js';
import { frontmatterKeys } from '../../core/frontmatter-keys.js';
import { NAME_SEGMENT, type ComponentKind } from '../../core/kinds.js';
import { error, warning, type Diagnostic } from '../../diagnostics.js';
import { usageError } from '../../errors.js';
import { checkFolders } from '../../io/no-follow.js';
import { MAX_FILE_BYTES } from '../../load/body-text.js';
import {
  decodeSource, displayPath, isDirectory, isFile, readSource, safeName,
  type ComponentDraft, type ProjectDraft, type RoundTripCheck, type Scan,
} from '../model.js';
import { jsonSyntaxError } from './json.js';
import { skillFolderFiles } from './skill-files.js';
import { nestedClaudeMdDirs, regularFiles } from '../walk.js';
import { directoryProblem } from '../../core/project-paths.js';

/**
 * The `.claude/` folders of one Markdown file per component. `nested`: subfolders are part of the
 * name (commands namespace, rules group). Symlinks are reported, never followed.
 */
const MARKDOWN_FOLDERS: readonly { kind: ComponentKind; folder: string; nested: boolean; expected: string }[] = [
  { kind: 'subagent', folder: 'agents', nested: false, expected: 'ccm reads subagents as .claude/agents/<name>.md' },
  { kind: 'command', folder: 'commands', nested: true, expected: 'not a Markdown command' },
  { kind: 'output-style', folder: 'output-styles', nested: false, expected: 'ccm reads output styles as .claude/output-styles/<name>.md' },
  { kind: 'rule', folder: 'rules', nested: true, expected: 'rules are Markdown files' },
];

/**
 * Reads a Claude Code project folder: `.claude/agents`, `.claude/commands`, `.claude/skills`,
 * `.claude/output-styles`, `.claude/rules`, `.claude/settings.json`, `.mcp.json`, `CLAUDE.md` and
 * the CLAUDE.md files of its subdirectories. Reads files (and asks git which it ignores); runs nothing else.
 */
export async function scanClaude(dirArg: string, cwd: string, projectName?: string): Promise<Scan> {
  const dir = resolve(cwd, dirArg);
  if (!isDirectory(dir)) throw usageError(`${dirArg} is not a folder; expected a project folder with .claude/, .mcp.json or CLAUDE.md`);
  const claudeDir = join(dir, '.claude');
  if (!isDirectory(claudeDir) && !isFile(join(dir, '.mcp.json')) && !isFile(join(dir, 'CLAUDE.md'))) {
    throw usageError(`${dirArg} has no Claude Code configuration: expected .claude/, .mcp.json or CLAUDE.md in it`);
  }
  const show = (abs: string): string => displayPath(cwd, abs);
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const components: ComponentDraft[] = [];
  const checks: RoundTripCheck[] = [];
  const name = safeName(projectName ?? basename(dir));
  const project: ProjectDraft = { name, dir, description: `${basename(dir)} (imported from Claude Code)`, targets: ['claude-code'], selection: [], source: show(dir) };
  /** A component the project selects; `path`/`abs`: the source file it alone reproduces. */
  const add = (draft: ComponentDraft, path?: string, abs?: string): void => {
    components.push(draft);
    project.selection.push(draft);
    if (path !== undefined && abs !== undefined) checks.push({ project, path, abs, mode: 'bytes' });
  };
  const text = (abs: string): string | undefined => {
    const bytes = readSource(abs, show(abs), diagnostics, dir);
    return bytes && decodeSource(bytes, show(abs), diagnostics);
  };

  // Subagents, commands, output styles and rules: one Markdown file each.
  for (const f of MARKDOWN_FOLDERS) {
    const base = join(claudeDir, f.folder);
    const rels = regularFiles(base, diagnostics, show, f.nested);
    for (const rel of rels) {
      if (!rel.endsWith('.md') || (!f.nested && rel.includes('/'))) {
        notes.push(`.claude/${f.folder}/${rel}: not imported (${f.expected})`);
        continue;
      }
      const abs = join(base, rel);
      const t = text(abs);
      const draft = t === undefined ? undefined : markdownDraft(f.kind, rel.slice(0, -3), t, show(abs), diagnostics);
      if (draft) add(draft, `.claude/${f.folder}/${rel}`, abs);
    }
  }

  // Skills: .claude/skills/<name>/SKILL.md plus every other file of the folder, byte for byte and with its execute bit.
  const skillsDir = join(claudeDir, 'skills');
  for (const skill of listDirs(skillsDir)) {
    const folder = join(skillsDir, skill);
    const skillMd = join(folder, 'SKILL.md');
    if (!isFile(skillMd)) {
      diagnostics.push(warning('IMPORT_SKIPPED', 'this skill folder has no SKILL.md; it is not imported', { file: show(folder) }));
      continue;
    }
    const chain = checkFolders(dir, relative(dir, folder).split(sep).join('/'));
    if (!chain.ok) {
      diagnostics.push(warning('IMPORT_SKIPPED', `${show(chain.at)} is a symlink: ccm imports only regular files in real folders, so this skill is not imported`, { file: show(folder) },
        'copy the folder it points to into place to import it'));
      continue;
    }
    const found = skillFolderFiles(folder, diagnostics, show);
    // A SKILL.md that links out of the folder was reported by the walk.
    if (!found.some((f) => f.rel === 'SKILL.md')) continue;
    const t = text(skillMd);
    const draft = t === undefined ? undefined : markdownDraft('skill', skill, t, show(skillMd), diagnostics);
    if (!draft) continue;
    draft.files = [];
    for (const f of found) {
      if (f.rel === 'SKILL.md') continue;
      if (/^skill\.ya?ml$/.test(f.rel)) {
        diagnostics.push(warning('IMPORT_SKIPPED', `ccm keeps the fields of skill "${skill}" in components/skills/${skill}/${f.rel}, so a supporting file of that name cannot be imported`,
          { file: show(f.abs), line: 1, col: 1 }, 'rename it in the source if the skill needs it, then import again'));
        continue;
      }
      if (f.size > MAX_FILE_BYTES) {
        diagnostics.push(warning('IMPORT_SKIPPED', 'ccm reads files up to 10 MiB, so this supporting file is not imported', { file: show(f.abs) }));
        continue;
      }
      // A link that stays inside the (real) skill folder is read at its target, still inside it.
      const bytes = f.linked ? readSource(realpathSync(f.abs), show(f.abs), diagnostics, realpathSync(folder)) : readSource(f.abs, show(f.abs), diagnostics, dir);
      if (!bytes) continue;
      draft.files.push({ relPath: f.rel, bytes, ...(f.executable ? { executable: true as const } : {}) });
      if (!f.linked) checks.push({ project, path: `.claude/skills/${skill}/${f.rel}`, abs: f.abs, mode: 'bytes' });
      else {
        // Not a round-trip check, so not adopted: ccm must not take a link over as its own file.
        diagnostics.push(warning('IMPORT_NOT_EXACT', 'this supporting file is reached through a symbolic link: it is imported as a regular file with the content the link points to, which is what `ccm build` writes here',
          { file: show(f.abs), line: 1, col: 1 }, 'remove the link from the project before `ccm build`, which writes only regular files'));
      }
    }
    add(draft, `.claude/skills/${skill}/SKILL.md`, skillMd);
  }

  // settings.json: hooks → a hooks component, everything else → a settings fragment.
  const settingsAbs = join(claudeDir, 'settings.json');
  if (isFile(settingsAbs)) {
    const t = text(settingsAbs);
    const settings = t === undefined ? undefined : parseJsonObject(t, show(settingsAbs), diagnostics);
    if (settings) {
      const hooks = settings['hooks'];
      if (hooks !== undefined) {
        add({ kind: 'hook', name, value: { description: `Hooks of ${basename(dir)}, imported from .claude/settings.json`, hooks }, source: show(settingsAbs) });
      }
      // A file with nothing but hooks needs no fragment; any other file (`{}` included) gets one.
      if (hooks === undefined || Object.keys(settings).some((k) => k !== 'hooks')) {
        add({ kind: 'settings', name, value: settingsFragment(settings, basename(dir)), source: show(settingsAbs) });
      }
      checks.push({ project, path: '.claude/settings.json', abs: settingsAbs, mode: 'json' });
    }
  }
  if (isFile(join(claudeDir, 'settings.local.json'))) notes.push('.claude/settings.local.json: not imported (Claude Code writes it for each user; ccm never generates it)');
  for (const other of listDirs(claudeDir).filter((d) => !['agents', 'commands', 'skills', 'output-styles', 'rules'].includes(d))) {
    notes.push(`.claude/${other}/: not imported (ccm has no component kind for it)`);
  }

  // .mcp.json: one MCP-server component per entry.
  const mcpAbs = join(dir, '.mcp.json');
  if (isFile(mcpAbs)) {
    const t = text(mcpAbs);
    const mcp = t === undefined ? undefined : parseJsonObject(t, show(mcpAbs), diagnostics);
    const servers = mcp?.['mcpServers'];
    if (mcp && (typeof servers !== 'object' || servers === null || Array.isArray(servers))) {
      diagnostics.push(error('IMPORT_SKIPPED', '.mcp.json has no "mcpServers" object; it is not imported', { file: show(mcpAbs), line: 1, col: 1 }));
    } else if (mcp) {
      for (const key of Object.keys(mcp)) {
        if (key !== 'mcpServers') diagnostics.push(warning('IMPORT_NOT_EXACT', `.mcp.json key "${key}" is not imported (ccm writes only mcpServers)`, { file: show(mcpAbs), line: 1, col: 1 }));
      }
      let any = false;
      for (const [server, config] of Object.entries(servers as Record<string, unknown>)) {
        if (!NAME_SEGMENT.test(server)) {
          diagnostics.push(error('IMPORT_SKIPPED', `MCP server "${server}" cannot be a component name in ccm (letters, digits, ".", "_", "-"); it is not imported`, { file: show(mcpAbs), line: 1, col: 1 }));
          continue;
        }
        if (typeof config !== 'object' || config === null || Array.isArray(config)) {
          diagnostics.push(error('IMPORT_SKIPPED', `MCP server "${server}" is not an object; it is not imported`, { file: show(mcpAbs), line: 1, col: 1 }));
          continue;
        }
        add({ kind: 'mcp-server', name: server, value: { ...(config as Record<string, unknown>) }, source: show(mcpAbs) });
        any = true;
      }
      if (any) checks.push({ project, path: '.mcp.json', abs: mcpAbs, mode: 'json' });
    }
  }

  // CLAUDE.md: one section.
  const claudeMd = join(dir, 'CLAUDE.md');
  if (isFile(claudeMd)) {
    const t = text(claudeMd);
    if (t !== undefined) add({ kind: 'claude-md', name, value: { description: `CLAUDE.md of ${basename(dir)}` }, body: t, source: show(claudeMd) }, 'CLAUDE.md', claudeMd);
  }

  // CLAUDE.md in subdirectories: one section each, placed back with `directory`.
  const sectionNames = new Set([name.toLowerCase()]);
  for (const sub of await nestedClaudeMdDirs(dir)) {
    const abs = join(dir, ...sub.split('/'), 'CLAUDE.md');
    const problem = directoryProblem(sub);
    if (problem) {
      diagnostics.push(warning('IMPORT_SKIPPED', `ccm cannot place a CLAUDE.md section in this folder (the path ${problem}); it is not imported`, { file: show(abs), line: 1, col: 1 }));
      continue;
    }
    const t = text(abs);
    if (t === undefined) continue;
    let section = safeName(`${name}-${sub.replace(/\//g, '-')}`);
    for (let n = 2; sectionNames.has(section.toLowerCase()); n++) section = safeName(`${name}-${sub.replace(/\//g, '-')}-${n}`);
    sectionNames.add(section.toLowerCase());
    add({ kind: 'claude-md', name: section, value: { description: `CLAUDE.md of ${basename(dir)}/${sub}`, directory: sub }, body: t, source: show(abs) }, `${sub}/CLAUDE.md`, abs);
  }

  return { source: 'claude', components, projects: [project], secrets: [], diagnostics, notes, checks };
}

/**
 * A Markdown file with frontmatter as a component: the frontmatter fields in their order, the body
 * after the block. The exact text before the body is kept as `frontmatterText` (see the plan, which
 * drops it when ccm's own formatting gives the same bytes).
 */
function markdownDraft(kind: ComponentKind, name: string, text: string, shown: string, diagnostics: Diagnostic[]): ComponentDraft | undefined {
  if (!name.split('/').every((s) => NAME_SEGMENT.test(s))) {
    diagnostics.push(error('IMPORT_SKIPPED', `"${name}" cannot be a component name in ccm (letters, digits, ".", "_", "-", starting with a letter or digit); it is not imported`, { file: shown, line: 1, col: 1 }));
    return undefined;
  }
  const split = splitFrontmatter(text);
  let value: Record<string, unknown> = {};
  if (split.yaml !== undefined) {
    const parsed = parseFrontmatterYaml(split.yaml);
    if (parsed.value) value = parsed.value;
    else {
      // Claude Code loads such files anyway, so ccm takes them as they are (see lenientFrontmatter).
      const e = parsed.error!;
      value = lenientFrontmatter(split.yaml, frontmatterKeys(kind));
      const read = Object.keys(value);
      diagnostics.push(warning('FRONTMATTER_NOT_YAML',
        `the frontmatter is not strict YAML (${e.message}); it is imported as written and a build reproduces it byte for byte. ccm read ${read.length ? `its fields ${read.join(', ')}` : 'no field from it'} leniently`,
        { file: shown, line: split.yamlLine + e.line - 1, col: e.col },
        'editing a field of this component in ccm rewrites the frontmatter as valid YAML; quote the value to make it strict YAML now'));
    }
  }
  return { kind, name, value: { ...value, frontmatterText: split.prefix }, body: split.body, source: shown };
}

/** ccm's own keys of a settings fragment: a settings.json key of that name must go under `extra`. */
const FRAGMENT_OWN_KEYS = new Set(['description', 'extra']);

/**
 * Everything of settings.json but `hooks`, in place and unchanged (`$schema` included, keys ccm does
 * not know too: validation warns about those); only a key named like one of ccm's own goes under `extra`.
 */
function settingsFragment(settings: Record<string, unknown>, dirName: string): Record<string, unknown> {
  const fragment: Record<string, unknown> = { description: `Settings of ${dirName}, imported from .claude/settings.json` };
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'hooks') continue;
    const target = FRAGMENT_OWN_KEYS.has(key) ? extra : fragment;
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(extra).length > 0) fragment['extra'] = extra;
  return fragment;
}

function parseJsonObject(text: string, shown: string, diagnostics: Diagnostic[]): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const at = jsonSyntaxError(text.replace(/^\uFEFF/, ''));
    diagnostics.push(error('IMPORT_SYNTAX', `not valid JSON: ${at.message}; this file is not imported`, { file: shown, line: at.line, col: at.col },
      'Claude Code cannot read it either: fix it, then import again'));
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    diagnostics.push(error('IMPORT_SYNTAX', 'expected a JSON object; this file is not imported', { file: shown, line: 1, col: 1 }));
    return undefined;
  }
  return value as Record<string, unknown>;
}


function listDirs(dir: string): string[] {
  if (!isDirectory(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() || (e.isSymbolicLink() && isDirectory(join(dir, e.name))))
    .map((e) => e.name)
    .sort();
}
