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
  for (let at = cookies.indexOf(name); at > -1; at = cookies.indexOf(name, at + 1)) {
    let before = at;
    while (before && BLANK.includes(cookies[before - 1] as string)) before--;
    let after = at + name.length;
    while (BLANK.includes(cookies[after] as string)) after++;
    if ((!before || cookies[before - 1] === ';') && cookies[after] === '=') {
      return (cookies.slice(after + 1).split(';', 1)[0] as string).trim();
    }
  }
  return undefined;
}

/** SP and HTAB: the only whitespace around names (RFC 6265bis §5.6). Past the end, `[i]` is
 * undefined, which includes() reads as "undefined": not blank. */
const BLANK = ' \t';

/** `document.cookie`, or an empty string where there is no document (server rendering). */
export function documentCookies(): string {
  return globalThis.document?.cookie ?? '';
}
