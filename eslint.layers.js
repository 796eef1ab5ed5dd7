// Who may import whom in src/: the dependency direction ARCHITECTURE.md draws, enforced by lint
// (import-x/no-restricted-paths, resolved through TypeScript so `./x.js` finds `x.ts`). Each folder
// lists the folders it may import besides itself and the foundation; everything else is an error.
// Reading down the table is reading up the pipeline: nothing imports a folder below it in this list.

/** Imported by everyone: the stable codes, the diagnostics type, the package's own paths, the shared pure helpers. */
const FOUNDATION = ['core', 'generated'];

export const LAYERS = {
  core: [],
  generated: [],
  // The pure stages, in pipeline order; each sees only the stages before it.
  load: ['cache'],
  validate: ['load'],
  resolve: ['load'],
  render: ['load', 'resolve'],
  // The disk side of the engine: what is planned, written, cached, kept secret, asked of git.
  io: ['plan'],
  plan: ['load', 'render', 'io', 'secrets'],
  secrets: ['load', 'resolve', 'render', 'plan', 'io', 'git'],
  git: ['plan'],
  cache: ['load', 'render', 'plan', 'io'],
  // Orchestration: one compile for every command.
  pipeline: ['load', 'validate', 'resolve', 'render', 'plan', 'io', 'secrets', 'git', 'cache'],
  // Features over the pipeline.
  review: ['load', 'render', 'secrets', 'git', 'pipeline'],
  scaffold: ['load', 'render'],
  import: ['load', 'validate', 'resolve', 'render', 'plan', 'io', 'secrets', 'git', 'pipeline', 'scaffold'],
  adopt: ['load', 'resolve', 'render', 'plan', 'io', 'secrets', 'pipeline', 'import'],
  watch: ['load', 'plan', 'io', 'secrets', 'git', 'cache', 'pipeline'],
  doctor: ['load', 'resolve', 'render', 'secrets', 'git', 'pipeline', 'import'],
  // The thin shell: the only folder that may import everything, and that nothing imports.
  cli: ['*'],
};

/** One zone per folder: it may not import any folder of src/ it does not list. */
export function layerZones() {
  const folders = Object.keys(LAYERS);
  return folders.flatMap((folder) => {
    const allowed = LAYERS[folder];
    if (allowed.includes('*')) return [];
    const forbidden = folders.filter((f) => f !== folder && !allowed.includes(f) && !FOUNDATION.includes(f));
    return [{
      target: `./src/${folder}`,
      from: forbidden.map((f) => `./src/${f}`),
      message: `src/${folder}/ may import only ${[...allowed, ...FOUNDATION].map((f) => `src/${f}/`).join(', ') || 'the foundation'} and the files at the top of src/: the direction is drawn in ARCHITECTURE.md and listed in eslint.layers.js`,
    }];
  });
}

/**
 * The files besides src/io/ that may change the disk, each outside the output roots and the config
 * repo's own files, each with its reason. Everything else that writes goes through src/io/'s transaction.
 */
export const OTHER_WRITERS = {
  'src/cache/store.ts': "the config repo's .ccm/cache/ (a hint, rebuilt when lost; temp file + rename)",
  'src/pipeline/lock.ts': 'the .ccm/build.lock folders',
  'src/git/hooks.ts': "the repository's pre-commit hook in .git/hooks/",
  'src/secrets/store.ts': "the age identity in the user's key folder (created exclusively, never replaced) and the secret files of `ccm secrets`",
  'src/secrets/edit-file.ts': 'the 0600 temp file `ccm secrets edit` hands to $EDITOR',
  'src/review/base.ts': 'the temp folder a git ref is extracted into for `ccm diff --base`',
};

const FS_WRITES = ['appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'link', 'mkdir', 'mkdtemp', 'open', 'rename', 'rm', 'rmdir', 'symlink', 'truncate', 'unlink', 'utimes', 'writeFile', 'createWriteStream'];

/** no-restricted-imports paths: the write functions of node:fs, sync and async. */
export const fsWriteImports = (message) => [
  { name: 'node:fs', importNames: [...FS_WRITES, ...FS_WRITES.map((f) => `${f}Sync`), 'promises', 'default'], message },
  { name: 'node:fs/promises', importNames: [...FS_WRITES, 'default'], message },
  { name: 'fs', message: 'import node:fs' },
  { name: 'fs/promises', message: 'import node:fs/promises' },
];
