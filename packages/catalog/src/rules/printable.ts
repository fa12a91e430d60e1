/** Shows control characters escaped, so an error message cannot itself inject a line. */
export function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
