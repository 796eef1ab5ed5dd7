// Who may import whom in src/: the dependency direction ARCHITECTURE.md draws, enforced by lint
// (import-x/no-restricted-paths, resolved through TypeScript so `./x.js` finds `x.ts`). Each folder
// lists the folders it may import besides itself and the foundation; everything else is an error.
// Reading down the table is reading up the pipeline: nothing imports a folder below it in this list.

/** Imported by everyone: the pure domain knowledge and the types generated from the schemas. */
const FOUNDATION = ['core', 'generated'];

/**
 * The folders of src/ from the bottom up. Each lists the folders it may import besides itself and
 * the foundation (the files at the top of src/, core/, generated/); every folder it lists comes
 * before it here, so the direction has no cycle (test/unit/architecture.test.ts checks both).
 */
export const LAYERS = {
  core: [],
  generated: [],
  // The pure stages, in pipeline order: each sees only the stages before it.
  load: [],
  validate: ['load'],
  resolve: ['load'],
  render: ['load', 'resolve'],
  // The disk side: plan against what is on disk, apply (the one write layer), remember, ask git, keep secrets.
  plan: ['load', 'render'],
  io: ['plan'],
  cache: ['render', 'plan', 'io'],
  git: ['plan'],
  secrets: ['load', 'resolve', 'render', 'plan', 'io', 'git'],
  // Orchestration: one compile for every command.
  pipeline: ['load', 'validate', 'resolve', 'render', 'plan', 'io', 'cache', 'git', 'secrets'],
  // Features over the pipeline.
  review: ['load', 'render', 'plan', 'git', 'secrets', 'pipeline'],
  scaffold: ['load', 'render'],
  import: ['load', 'validate', 'resolve', 'render', 'plan', 'io', 'git', 'secrets', 'pipeline', 'scaffold'],
  adopt: ['load', 'resolve', 'render', 'plan', 'io', 'secrets', 'pipeline', 'import'],
  doctor: ['load', 'resolve', 'render', 'git', 'secrets', 'pipeline', 'import'],
  watch: ['load', 'plan', 'io', 'cache', 'git', 'secrets', 'pipeline'],
  // The web UI's server: an HTTP face over the same features the CLI calls.
  ui: ['load', 'validate', 'resolve', 'render', 'plan', 'io', 'cache', 'git', 'secrets', 'pipeline', 'review', 'scaffold', 'import', 'adopt', 'doctor', 'watch'],
  // The thin shell: the only folder that may import everything, and that nothing imports.
  cli: ['*'],
};

/**
 * Files that live with their concern but serve the layers below it, each with who may import it and
 * why. They import nothing above the layers that use them.
 */
export const PORTS = {
  'secrets/redact.ts': { to: ['*'], why: 'the one redactor: every decrypted value is registered with it, every printed byte passes it' },
  'io/no-follow.ts': { to: ['plan'], why: "the containment check (no link below a root is followed) that the plan's disk reads share with the writes" },
  'io/staging.ts': { to: ['plan'], why: "the staging folder's name, which the intent record lists" },
  'cache/stat-key.ts': { to: ['load'], why: "the stat key (git's index and racy rule) of the parse cache" },
  'cache/store.ts': { to: ['load'], why: 'the atomic, versioned cache file the parse cache is kept in' },
};

/** One zone per forbidden folder: a folder may not import any folder of src/ it does not list, except the ports open to it. */
export function layerZones() {
  const folders = Object.keys(LAYERS);
  return folders.flatMap((folder) => {
    const allowed = LAYERS[folder];
    if (allowed.includes('*')) return [];
    const forbidden = folders.filter((f) => f !== folder && !allowed.includes(f) && !FOUNDATION.includes(f));
    const message = `src/${folder}/ may import only ${[...allowed, ...FOUNDATION].map((f) => `src/${f}/`).join(', ')} and the files at the top of src/ (the direction of ARCHITECTURE.md, listed in eslint.layers.js)`;
    return forbidden.map((from) => {
      const except = Object.entries(PORTS)
        .filter(([file, port]) => file.startsWith(`${from}/`) && (port.to.includes('*') || port.to.includes(folder)))
        .map(([file]) => `./${file.slice(from.length + 1)}`);
      return { target: `./src/${folder}`, from: `./src/${from}`, ...(except.length ? { except } : {}), message };
    });
  });
}

/**
 * The files besides src/io/ that may change the disk, each outside the output roots and the config
 * repo's own files, each with its reason. Everything else that writes goes through src/io/'s transaction.
 */
export const OTHER_WRITERS = {
  'src/cache/store.ts': "the config repo's .ccm/cache/ (a hint, rebuilt when lost; temp file + rename)",
  'src/pipeline/build-locks.ts': 'the .ccm/build.lock folders',
  'src/git/hooks.ts': "the repository's pre-commit hook in .git/hooks/",
  'src/secrets/store.ts': "the age identity `ccm secrets keygen` creates in the user's key folder (exclusively: it never replaces one)",
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
