import type { Component } from '../load/model.js';
import type { ResolvedProject } from '../resolve/types.js';
import { projectSecretRefs } from '../secrets/refs.js';
import { secretName } from '../core/values.js';

/**
 * Who else a change would reach. Adopt takes a value back into the YAML only where it reaches the
 * one output it came from: a component selected by several projects, or a secret used in several
 * places, would carry one project's drift into the others.
 */
export class Sharing {
  constructor(private readonly projects: readonly ResolvedProject[]) {}

  /** Names of the projects that select the component (by its file). */
  projectsSelecting(component: Component): string[] {
    return this.projects
      .filter((p) => Object.values(p.components).some((list) => list.some((c) => c.file.path === component.file.path)))
      .map((p) => p.name)
      .sort();
  }

  /** The places that use secret `name`: one per project, plus every further use within one project's autoClaude. */
  secretUses(name: string): { projects: string[]; inAutoClaude: number } {
    const projects = this.projects.filter((p) => projectSecretRefs(p).includes(name)).map((p) => p.name).sort();
    const inAutoClaude = this.projects.reduce((n, p) => n + countRefs(p.autoClaude, name), 0);
    return { projects, inAutoClaude };
  }
}

function countRefs(value: unknown, name: string): number {
  if (secretName(value) === name) return 1;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + countRefs(v, name), 0);
  if (typeof value === 'object' && value !== null) return Object.values(value).reduce<number>((n, v) => n + countRefs(v, name), 0);
  return 0;
}
