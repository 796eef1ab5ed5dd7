import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Diagnostic } from '../diagnostics.js';
import { CcmError, type ErrorCode } from '../errors.js';
import { redactText } from '../secrets/redact.js';
import type { ApiDiagnostic, ApiErrorBody } from './api-types.js';

/**
 * A request the API refuses: its HTTP status and the `{ error }` body the client shows. Thrown by
 * route code and turned into the response by the app's error handler; `extra` adds fields beside
 * `error` (the two versions of a stale save).
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: { hint?: string; diagnostics?: readonly Diagnostic[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export const badRequest = (message: string, hint?: string): ApiFailure => new ApiFailure(400, 'BAD_REQUEST', message, hint === undefined ? {} : { hint });
export const notFound = (message: string, hint?: string): ApiFailure => new ApiFailure(404, 'NOT_FOUND', message, hint === undefined ? {} : { hint });

/** How each ccm error reads over HTTP: a mistake in the request, something missing, or a conflict. */
const STATUS_OF: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  USAGE: 400,
  PROJECT_UNKNOWN: 404,
  OUTPUT_UNKNOWN: 404,
  SECRET_NOT_FOUND: 404,
  CONFIG_NOT_FOUND: 404,
  SECRET_EMPTY: 400,
  NO_RECIPIENTS: 422,
  NO_IDENTITY: 422,
  INVALID_CONFIG: 422,
  NOT_A_GIT_REPO: 422,
  LOCKED: 409,
  NEEDS_CONFIRMATION: 409,
  INIT_TARGET_NOT_EMPTY: 409,
};

export function toApiDiagnostic(d: Diagnostic): ApiDiagnostic {
  return { ...d };
}

/** The status and body for anything a route threw. Unknown failures say only that they happened. */
export function failureResponse(err: unknown): { status: ContentfulStatusCode; body: ApiErrorBody & Record<string, unknown> } {
  if (err instanceof ApiFailure) {
    const { hint, diagnostics, extra } = err.details;
    return {
      status: err.status,
      body: {
        ...extra,
        error: { code: err.code, message: err.message, ...(hint ? { hint } : {}), ...(diagnostics ? { diagnostics: diagnostics.map(toApiDiagnostic) } : {}) },
      },
    };
  }
  if (err instanceof CcmError) {
    return { status: STATUS_OF[err.code] ?? 500, body: { error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: redactText(err instanceof Error ? err.message : String(err)), hint: 'see the terminal running `ccm ui`' } } };
}
