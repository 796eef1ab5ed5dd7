/** Every generated text ends the same way: LF line endings, exactly one final newline. */
export function finalizeText(text: string): string {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  let end = lf.length;
  while (end > 0 && lf.charCodeAt(end - 1) === 10) end--;
  return lf.slice(0, end) + '\n';
}
