/** The largest file the load reads (FILE_TOO_LARGE beyond). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A Markdown body's text as a load takes it; undefined for bytes it rejects as BINARY_FILE (a NUL byte, or not UTF-8). */
export function bodyTextOf(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
