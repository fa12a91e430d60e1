// The facts the site is built around (locales, titles, the controller's name), from the
// site.json that @billogram/cookies-docs ships. COOKIE_POLICY_DOCS (a generated index.ts, used by
// the site test to build from a fixture catalog) points at a site.json beside it instead.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function readSite() {
  const override = process.env.COOKIE_POLICY_DOCS;
  const path = override
    ? join(dirname(override), 'site.json')
    : createRequire(import.meta.url).resolve('@billogram/cookies-docs/site.json');
  return JSON.parse(await readFile(path, 'utf8'));
}

/**
 * The folder of the exports @billogram/cookies-docs ships (dist/exports/), as a file URL ending in
 * `/`; COOKIE_POLICY_EXPORTS points elsewhere. Undefined for a fixture build (COOKIE_POLICY_DOCS)
 * that names no exports folder.
 */
export function exportsFolder() {
  if (process.env.COOKIE_POLICY_EXPORTS)
    return pathToFileURL(`${process.env.COOKIE_POLICY_EXPORTS}/`);
  if (process.env.COOKIE_POLICY_DOCS) return undefined;
  const manifest = createRequire(import.meta.url).resolve('@billogram/cookies-docs/package.json');
  return pathToFileURL(join(dirname(manifest), 'dist', 'exports/'));
}

/** Where a locale's page is: the default locale at the root. */
export function linkOf(site, locale) {
  return locale === site.defaultLocale ? '/' : `/${locale}/`;
}
