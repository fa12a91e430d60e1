/**
 * Thrown by a generated setter when a value cannot be sent as declared in the catalog. Nothing
 * has been appended to the response when it is thrown.
 */
export class CookieValueError extends Error {
  override readonly name = 'CookieValueError';
  /** The cookie's wire name (for a pattern, the name built from its parameters when known). */
  declare readonly cookie: string;
  /** What is wrong with the value, in plain words. */
  declare readonly reason: string;

  // The fields are declared and assigned here rather than as parameter properties: a class field
  // is emitted as a definition too, bytes in every browser bundle with a writer.
  constructor(cookie: string, reason: string) {
    super(`Cannot set cookie "${cookie}": ${reason}`);
    this.cookie = cookie;
    this.reason = reason;
  }
}

/** The error for a value that does not fit: "<the value, described> <problem>". */
export function invalidValue(cookie: string, value: unknown, problem: string): CookieValueError {
  return new CookieValueError(cookie, `${describeValue(value)} ${problem}`);
}

/** A value shown in an error message: quoted, escaped, and cut short so a 1 MB value stays readable. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `${JSON.stringify(shown)} (${value.length} characters)`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
