import { secretName } from '../core/values.js';
import type { ResolvedProject } from '../resolve/types.js';

/** What a render writes for a secret it does not decrypt (validate, `diff --base`, a check without the key). */
export const secretPlaceholder = (name: string): string => `\${${name}}`;

/** `{secret: NAME}` → NAME, anything else → undefined. */
export const secretRef = secretName;

/** Every secret name referenced anywhere inside `value`, sorted, each once. */
export function secretRefs(...values: unknown[]): string[] {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    const name = secretRef(v);
    if (name !== undefined) names.add(name);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  values.forEach(walk);
  return [...names].sort();
}

/** The secrets whose values a build writes into the project's files (Auto-Claude's .env). */
export function renderedSecretRefs(project: ResolvedProject): string[] {
  return project.targets.autoClaude ? secretRefs(project.autoClaude) : [];
}

/**
 * Every secret a project uses: the ones written into its .env and the ones its `.mcp.json`,
 * settings and hooks reference as `${NAME}` (selected components and the project file itself).
 */
export function projectSecretRefs(project: ResolvedProject): string[] {
  const components = Object.values(project.components).flatMap((list) => list.map((c) => c.file.value));
  return secretRefs(project.file.value, project.autoClaude, ...components);
}
