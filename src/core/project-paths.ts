/**
 * Paths inside a project that a component names: the globs of a rule's `paths` and the directory of
 * a nested CLAUDE.md. Both are relative to the project root and must stay inside it, so each check
 * returns why a value is refused (for the diagnostic), or undefined when it is fine.
 */

/** Why a rule glob is refused: Claude Code matches it against project-relative POSIX paths. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'is empty';
  if (glob.includes('\\')) return 'contains a backslash (globs use "/" and ccm does not take escapes)';
  if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob)) return 'is absolute (globs are relative to the project root)';
  if (glob.split('/').includes('..')) return 'has a ".." segment (globs match files inside the project)';
  return bracketProblem(glob);
}

/** `[` … `]` classes close, `{` … `}` groups balance (outside classes, where a brace is literal). */
function bracketProblem(glob: string): string | undefined {
  let inClass = false;
  let depth = 0;
  for (const ch of glob) {
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') return 'has a "]" without a "[" before it';
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return 'has a "}" without a "{" before it';
      depth--;
    }
  }
  if (inClass) return 'has a "[" that is never closed by "]"';
  if (depth > 0) return 'has a "{" that is never closed by "}"';
  return undefined;
}

/** First segments of folders whose files ccm generates from other kinds: a CLAUDE.md section does not belong there. */
const RESERVED_FIRST = new Set(['.claude', '.auto-claude']);

/** Why a CLAUDE.md directory is refused: the output `<directory>/CLAUDE.md` must stay inside the project. */
export function directoryProblem(dir: string): string | undefined {
  if (dir === '') return 'is empty (leave `directory` out for the project root)';
  if (dir.includes('\\')) return 'contains a backslash (write POSIX paths with "/")';
  if (dir.startsWith('/') || /^[A-Za-z]:/.test(dir)) return 'is absolute (it is relative to the project directory)';
  const segments = dir.split('/');
  if (segments.includes('..')) return 'has a ".." segment, which would leave the project directory';
  if (segments.includes('')) return 'has an empty segment (a leading, trailing or doubled "/")';
  if (segments.includes('.')) return 'has a "." segment (write the path without it)';
  if (segments.some((s) => s.toLowerCase() === '.git')) return 'is inside .git, which git owns';
  const first = segments[0]!.toLowerCase();
  if (RESERVED_FIRST.has(first)) return `is inside ${first}/, which holds the files ccm generates from the other kinds`;
  return undefined;
}
