/*
 * --redact, for a logged-in run (--storage-state): addresses keep their scheme, host and path but
 * lose the query and fragment, where sessions, tokens, e-mail addresses and search terms travel.
 * The addresses are also inside text: a finding's message, who set a cookie (`response URL`,
 * `script on URL: at f (URL:3:7)`). A stack's `:line:column` after an address stays.
 */

/**
 * An absolute address (http, https, ws, wss, blob:…) up to its query or fragment; then the query
 * or fragment, up to white space or a character that ends an address in a stack or a message.
 */
const ADDRESS_WITH_QUERY = /\b((?:blob:)?(?:https?|wss?):\/\/[^\s?#)|"'<>`]*)([?#][^\s)|"'<>`]*)/gi;

/**
 * What ends the query but is not part of it: a stack frame's script position (`:12:5`, `:12`),
 * or the colon after an address in `script on URL: stack`.
 */
const POSITION = /(?::\d+(?::\d+)?)?:?$/;

/** The text with every address's query string and fragment left out. */
export function redactUrls(text: string): string {
  return text.replace(ADDRESS_WITH_QUERY, (_, address: string, rest: string) => {
    const position = POSITION.exec(rest)?.[0] ?? '';
    return `${address}${position}`;
  });
}

/** Every string of a JSON value with redactUrls applied; screenshots left out. */
export function redactJson<T>(value: T): T {
  if (typeof value === 'string') return redactUrls(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactJson(v)) as T;
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a `__proto__` key stays a key.
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'screenshot')
        .map(([key, item]) => [key, redactJson(item)]),
    ) as T;
  }
  return value;
}
