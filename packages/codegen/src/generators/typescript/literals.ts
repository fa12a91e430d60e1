/*
 * Every piece of catalog data that ends up inside generated code passes through these, so that no
 * catalog text can ever become code: strings are JSON string literals, comments cannot be closed.
 */

/**
 * A single-quoted JavaScript string literal for any text. Built from JSON.stringify, which escapes
 * backslashes, control characters and line breaks; then only the quote style changes.
 */
export function stringLiteral(text: string): string {
  // Printable ASCII without ' and \ is its own literal: the common case, without the two scans.
  if (PLAIN_ASCII.test(text)) return `'${text}'`;
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  // A text that ends in a backslash would end its literal in \\': ts-morph's writer
  // (code-block-writer) takes that quote for an escaped one, reads on as if still in the string,
  // and takes a later "/*" in another string for a comment, which it closes with a "*/" of its own
  // in the middle of the module. \x5C is the same backslash without that look.
  return `'${escaped.replace(/\\\\$/, '\\x5C')}'`;
}

const PLAIN_ASCII = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/** A JavaScript expression for plain data: strings, numbers, booleans, null, undefined, arrays, objects. */
export function dataLiteral(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(dataLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).map(
      ([key, field]) => `${propertyName(key)}: ${dataLiteral(field)}`,
    );
    return `{ ${fields.join(', ')} }`;
  }
  throw new Error(`cannot write ${String(value)} as a literal`);
}

/** A property name: bare when it is an identifier, quoted otherwise. */
export function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

/** Catalog text made safe for a JSDoc comment: it cannot end the comment early. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim();
}

/** `access_token` → `accessToken`: the camelCase form of an entry's PascalCase function name. */
export function camelCase(pascal: string): string {
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}
