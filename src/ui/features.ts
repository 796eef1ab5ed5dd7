import { isAbsolute, resolve } from 'node:path';
import { GROUPS, parseGroups, type ImportGroup } from '../import/groups.js';
import { runImport } from '../import/run.js';
import { storeSecret } from '../secrets/operations.js';
import { registerSecret } from '../secrets/redact.js';
import { checkSecretName, requireRecipients, secretRelPath } from '../secrets/store.js';
import type { ImportRequest, ImportResponse, SecretSetRequest, SecretSetResponse } from './api-types.js';
import { ApiFailure, badRequest, toApiDiagnostic } from './failure.js';
import type { Workspace } from './workspace.js';

/* Import (scan = the dry run, apply = the write) and `secrets set`, through the same functions as `ccm import` and `ccm secrets set`. */

export async function importFromUi(ws: Workspace, request: ImportRequest, dryRun: boolean): Promise<ImportResponse> {
  const source = request.source === 'auto-claude' || request.source === 'claude' ? request.source : undefined;
  if (!source) throw badRequest(`unknown import source "${String(request.source)}"`, 'use "auto-claude" (a backend folder) or "claude" (a project folder)');
  if (typeof request.path !== 'string' || request.path === '') throw badRequest('"path" is required: the folder to import from');
  const projects = request.projects ?? [];
  if (!Array.isArray(projects) || !projects.every((p) => typeof p === 'string')) throw badRequest('"projects" must be a list of folders');
  if (source === 'claude' && projects.length > 0) throw badRequest('"projects" belongs to an auto-claude import', 'for Claude Code, "path" is the project');
  let only: ImportGroup[] | undefined;
  if (request.only !== undefined) {
    const parsed = Array.isArray(request.only) ? parseGroups(request.only.join(',')) : '(not a list)';
    if (typeof parsed === 'string') throw badRequest(`"only": unknown kind "${parsed}"`, `kinds: ${GROUPS.join(', ')}`);
    only = parsed;
  }
  const onClash = request.onClash;
  if (onClash !== undefined && onClash !== 'skip' && onClash !== 'rename' && onClash !== 'overwrite') throw badRequest('"onClash" must be skip, rename or overwrite');
  const summary: string[] = [];
  // Relative folders are the config repo's, as the page shows paths relative to it.
  const path = isAbsolute(request.path) ? request.path : resolve(ws.root, request.path);
  // Serialized with the saves (and forgetting what was kept): an import writes config files too.
  const result = await ws.serialized(() => runImport(
    { source, path, projects: projects.map((p) => (isAbsolute(p) ? p : resolve(ws.root, p))), dryRun, ...(request.name ? { name: request.name } : {}), ...(only ? { only } : {}), ...(onClash ? { onClash } : {}) },
    { cwd: ws.root, env: ws.env, print: (line) => summary.push(line), note: (line) => summary.push(line) },
  ));
  const { data } = result;
  return {
    dryRun: data.dryRun,
    found: data.found,
    groups: data.groups,
    onClash: data.onClash,
    outcomes: data.outcomes,
    roundTrip: data.roundTrip,
    notes: data.notes,
    summary,
    diagnostics: result.diagnostics.map(toApiDiagnostic),
  };
}

/** Encrypts a value into secrets/NAME.age. The value is registered with the redactor first, so no response can carry it. */
export async function setSecret(ws: Workspace, rawName: string, request: SecretSetRequest): Promise<SecretSetResponse> {
  const name = checkSecretName(rawName);
  if (typeof request.value !== 'string') throw badRequest('"value" is required (a string); it is encrypted and never sent back');
  registerSecret(name, request.value);
  const { recipients, diagnostics } = await requireRecipients(ws.root);
  if (diagnostics.length > 0) throw new ApiFailure(422, 'NO_RECIPIENTS', 'the secret cannot be encrypted: fix ccm.config.yaml first; nothing was written', { diagnostics });
  const { created } = await ws.serialized(() => storeSecret(ws.root, name, request.value, recipients));
  return { name, file: secretRelPath(name), created, recipients: recipients.length };
}
