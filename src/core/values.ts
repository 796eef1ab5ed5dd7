/** Narrowing helpers for parsed YAML/JSON values, shared by the stages that read them. */
export type Obj = Record<string, unknown>;

/**
 * A YAML mapping or JSON object as parsed: a plain object. Not an array, nor the other objects YAML
 * tags make (`!!binary` bytes, `!!timestamp` dates, `!!set`, `!!omap`), nor a class instance.
 */
export function isMapping(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The strings of a list (other items dropped); anything else is an empty list. */
export const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `{secret: NAME}` → NAME; anything else → undefined. The one shape of a secret reference. */
export function secretName(v: unknown): string | undefined {
  if (!isMapping(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'secret' && typeof v['secret'] === 'string' ? v['secret'] : undefined;
}
