import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The version of an Auto-Claude backend, as the runtime states it: `__version__` in the backend's
 * `__init__.py`, else `version` of the checkout's `package.json` (two folders up from apps/backend).
 * Undefined when neither says.
 */
export function backendVersion(backendDir: string): string | undefined {
  const init = readText(join(backendDir, '__init__.py'));
  const m = init && /^__version__\s*=\s*["']([^"'\n]+)["']/m.exec(init);
  if (m) return m[1]!;
  const pkg = readText(join(backendDir, '..', '..', 'package.json'));
  if (!pkg) return undefined;
  try {
    const version = (JSON.parse(pkg) as { version?: unknown }).version;
    return typeof version === 'string' && version !== '' ? version : undefined;
  } catch {
    return undefined;
  }
}

function readText(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
