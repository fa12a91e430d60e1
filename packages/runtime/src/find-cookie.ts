/**
 * The raw value of the first cookie called `name` in a cookie string (a request's `Cookie`
 * header, or `document.cookie`), or undefined.
 *
 * Follows RFC 6265bis §5.6: pairs are split on ";", and only SP and HTAB around a name separate
 * it from its neighbours, so a name preceded by a no-break space is a different name. The first
 * occurrence wins, as browsers send the most specific cookie first (§5.8.3). A lookup is one
 * indexOf per candidate, not a parse of the whole string; it never throws on any string. Kept
 * small on purpose: it is most of what a bundled reader weighs.
 */
export function findCookie(cookies: string, name: string): string | undefined {
  // biome-ignore lint/suspicious/noAssignInExpressions: the shortest loop; this function is most of a reader's bundle
  for (let at = -1; (at = cookies.indexOf(name, at + 1)) > -1; ) {
    // `before` stops on the first character before the name that is not blank (-1 at the start);
    // `after` on the first one after it. Past either end, [] answers undefined: not blank.
    let before = at;
    let after = at + name.length;
    while (isBlank(cookies[--before])) {}
    while (isBlank(cookies[after])) after++;
    if ((before < 0 || cookies[before] === ';') && cookies[after] === '=') {
      let end = cookies.indexOf(';', after);
      if (end < 0) end = cookies.length;
      // Only SP and HTAB are trimmed (bis §5.6); String#trim would also eat U+00A0, U+FEFF, U+3000.
      while (isBlank(cookies[++after])) {}
      // A value of blanks only: this walks back to the "=", and slice gives "" for end < after.
      while (isBlank(cookies[end - 1])) end--;
      return cookies.slice(after, end);
    }
  }
  return undefined;
}

/** SP or HTAB: the only whitespace around names (RFC 6265bis §5.6). */
const isBlank = (char: string | undefined) => char === ' ' || char === '\t';

/** `document.cookie`, or an empty string where there is no document (server rendering). */
export function documentCookies(): string {
  return globalThis.document?.cookie ?? '';
}

/**
 * Sets a cookie from page script (`document.cookie = line`). One function for every generated
 * writer, so each writer adds only its own line to a bundle. Where there is no document (server
 * rendering) it throws the ReferenceError every DOM call throws there, "document is not defined",
 * with the writer on the stack: the server package's setters are the ones to use there.
 */
export function setDocumentCookie(line: string): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the line is built from the catalog's declaration by generated code, the point of this package
  document.cookie = line;
}
