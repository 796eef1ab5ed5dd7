/** Narrowing helpers for parsed YAML/JSON values, shared by the stages that read them. */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The strings of a list (other items dropped); anything else is an empty list. */
export const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `{secret: NAME}` → NAME; anything else → undefined. The one shape of a secret reference. */
export function secretName(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'secret' && typeof v['secret'] === 'string' ? v['secret'] : undefined;
}
