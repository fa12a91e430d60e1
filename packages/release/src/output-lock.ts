import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED_PACKAGES, type GeneratedPackage } from '@cookie-catalog/catalog';
import type { RenderedPackages } from './output-bumps.js';

/*
 * Generated code is not committed, so what a generated package held when it was last released is
 * not in git: a fingerprint of it is. `cookie-catalog changeset` writes one per package
 * (packages/<package>/generated-output.json) next to the changeset that accounts for the change,
 * and commits travel with it. Then, at a pull request:
 *  - the base's fingerprint, against the base catalog rendered with the head's toolchain, tells
 *    whether the toolchain itself changed a package's output (an upgrade, or in this repository
 *    a generator changed): at least a patch for that package;
 *  - the head's fingerprint, against the head, tells whether the change was accounted for
 *    (`diff --require-changeset`).
 */

export const OUTPUT_LOCK_FILE = 'generated-output.json';

export type Fingerprints = Readonly<Partial<Record<GeneratedPackage, string>>>;

/** sha256 of each package's generated files: every path and its bytes, in path order. */
export function fingerprints(rendered: RenderedPackages): Fingerprints {
  const result: Partial<Record<GeneratedPackage, string>> = {};
  for (const key of GENERATED_PACKAGES) {
    const files = rendered.get(key);
    if (!files || files.size === 0) continue;
    const hash = createHash('sha256');
    for (const path of [...files.keys()].sort()) {
      hash.update(`${path}\0${files.get(path)}\0`);
    }
    result[key] = hash.digest('hex');
  }
  return result;
}

/** The lock file's text: what it is, and the fingerprint. */
export function outputLockText(fingerprint: string): string {
  return `${JSON.stringify(
    {
      $comment:
        'Written by `cookie-catalog changeset`: a fingerprint of the code generated into this package when its change was last accounted for. Commit it with the changeset; do not edit.',
      sha256: fingerprint,
    },
    null,
    2,
  )}\n`;
}

/** The fingerprint a lock file's text holds, or undefined when it is not a lock file. */
export function parseOutputLock(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const sha = (JSON.parse(text) as { sha256?: unknown }).sha256;
    return typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** Where a package's lock lives, relative to the repository root. */
export function outputLockPath(key: GeneratedPackage): string {
  return `packages/${key}/${OUTPUT_LOCK_FILE}`;
}

/** The locks in a work tree (the head), by package; a missing or unreadable one is absent. */
export async function readOutputLocks(root: string): Promise<Fingerprints> {
  const locks: Partial<Record<GeneratedPackage, string>> = {};
  for (const key of GENERATED_PACKAGES) {
    const text = await readFile(join(root, outputLockPath(key)), 'utf8').catch(() => undefined);
    const sha = parseOutputLock(text);
    if (sha) locks[key] = sha;
  }
  return locks;
}
