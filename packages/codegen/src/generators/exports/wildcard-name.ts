import type { CookieName } from '@cookie-catalog/catalog';

/**
 * A name pattern as the TCF's and the Open Cookie Database's wildcards write it: every
 * `{parameter}` becomes `*` (`_ga_{measurementId}` → `_ga_*`). A fixed name stays as it is.
 */
export function wildcardName(name: CookieName): string {
  return name.parts.map((part) => (part.type === 'literal' ? part.text : '*')).join('');
}
