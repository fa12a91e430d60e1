const SEMICOLON = 59;
const EQUALS = 61;
const SPACE = 32;
const TAB = 9;

/**
 * The raw value of the first cookie called `name` in a `Cookie` header, or undefined.
 *
 * Follows RFC 6265bis §5.6: pairs are split on ";", and only SP and HTAB are trimmed around
 * names and values, so a name preceded by a no-break space is a different name. The first
 * occurrence wins, as browsers send the most specific cookie first (bis §5.8.3). Never throws,
 * whatever the header holds; a lookup is one indexOf per candidate, not a parse of the header.
 */
export function findCookie(header: string | null | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  const length = header.length;
  let from = 0;
  for (;;) {
    const at = header.indexOf(name, from);
    if (at === -1) return undefined;
    let before = at - 1;
    while (before >= 0 && isWhitespace(header.charCodeAt(before))) before--;
    let after = at + name.length;
    while (after < length && isWhitespace(header.charCodeAt(after))) after++;
    if (
      (before === -1 || header.charCodeAt(before) === SEMICOLON) &&
      header.charCodeAt(after) === EQUALS
    ) {
      let start = after + 1;
      let end = header.indexOf(';', start);
      if (end === -1) end = length;
      while (start < end && isWhitespace(header.charCodeAt(start))) start++;
      while (end > start && isWhitespace(header.charCodeAt(end - 1))) end--;
      return header.slice(start, end);
    }
    from = at + 1;
  }
}

function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB;
}
