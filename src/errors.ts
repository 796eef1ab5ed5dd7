/**
 * Errors that end a command. User mistakes inside the config repo are not thrown: they are
 * diagnostics (see diagnostics.ts). A CcmError is for conditions that stop the whole command
 * (bad usage, no config repo, an I/O failure) and carries a stable code and an exit code.
 */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_NOT_FOUND'
  | 'INIT_TARGET_NOT_EMPTY'
  | 'IO'
  | 'INVALID_CONFIG'
  | 'PROJECT_UNKNOWN'
  | 'OUTPUT_UNKNOWN'
  | 'SECRET'
  | 'NO_IDENTITY'
  | 'IDENTITY_EXISTS'
  | 'NO_RECIPIENTS'
  | 'SECRET_NOT_FOUND'
  | 'SECRET_EMPTY'
  | 'DECRYPT_FAILED'
  | 'EDITOR_FAILED'
  | 'COMMAND_NOT_FOUND'
  | 'NOT_A_GIT_REPO'
  | 'GIT_FAILED'
  | 'HOOK_CONFLICT'
  | 'LOCKED'
  | 'NEEDS_CONFIRMATION'
  | 'INTERNAL';

export class CcmError extends Error {
  readonly code: ErrorCode;
  /** An ExitCode, or 128 + the signal's number for a command a signal interrupted (`secrets edit`). */
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CcmError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? (code === 'USAGE' ? ExitCode.usage : ExitCode.failure);
  }
}

export function usageError(message: string, hint?: string): CcmError {
  return new CcmError('USAGE', message, hint === undefined ? {} : { hint });
}
