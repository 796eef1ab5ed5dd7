// Pure, and without the client's .ts-extension imports, so the unit tests can hold it against the
// server's YamlEdits. The edit type is FieldEdit's shape (src/ui/api-types.ts), spelt out for that reason.

type Fields = Record<string, unknown>;
type Edit = { path: readonly (string | number)[] } & ({ value: unknown } | { delete: true });

/** `fields` with `edits` applied, as the server will write them: what the page shows while it saves. */
export function withEdits(fields: Fields, edits: readonly Edit[]): Fields {
  const out = structuredClone(fields);
  for (const e of edits) {
    let node: Record<string | number, unknown> = out;
    for (const key of e.path.slice(0, -1)) {
      const next = node[key];
      node = (next && typeof next === 'object' ? next : (node[key] = {})) as Record<string | number, unknown>;
    }
    const last = e.path[e.path.length - 1]!;
    if ('delete' in e) delete node[last];
    else node[last] = e.value;
  }
  return out;
}

