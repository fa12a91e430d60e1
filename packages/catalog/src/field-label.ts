import type { SourcePath } from './yaml-source.js';

/** A data path as a reader would write it: `attributes.sameSite`, `categories[0].label`. */
export function fieldLabel(path: SourcePath): string {
  return path.length === 0
    ? 'the file'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
