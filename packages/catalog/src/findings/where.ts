import { relative } from 'node:path';
import type { SourcePosition } from '../problem.js';

/** A finding on a page of a site (audit) has the page's address for its file, and no line. */
export function isPageAddress(file: string): boolean {
  return /^https?:/.test(file);
}

/** The file as its reader finds it: relative to `cwd` when one is given; a page's address as it is. */
export function displayFile(file: string, cwd: string | undefined): string {
  if (cwd === undefined || isPageAddress(file)) return file;
  return relative(cwd, file) || file;
}

/** `file:line:column`, the form editors and CI annotations jump to; a page's address alone. */
export function displayPosition(at: SourcePosition, cwd: string | undefined): string {
  if (isPageAddress(at.file)) return at.file;
  return `${displayFile(at.file, cwd)}:${at.line}:${at.column}`;
}
