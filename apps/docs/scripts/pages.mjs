// Writes the site's pages from the catalog's locales: the default locale at /, every other at
// /<locale>/. Run before `vitepress build` and `vitepress dev` (see package.json), so that a
// catalog with other languages gets its own pages. The pages only place the policy component;
// the policy itself comes from @billogram/cookies-docs by import.
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { exportsFolder, readSite } from './site.mjs';

const site = await readSite();
// COOKIE_POLICY_PAGES: another folder (the site test builds a fixture catalog's site there).
const pages = process.env.COOKIE_POLICY_PAGES
  ? pathToFileURL(`${process.env.COOKIE_POLICY_PAGES}/`)
  : new URL('../pages/', import.meta.url);
await rm(pages, { recursive: true, force: true });
for (const { locale, title } of site.locales) {
  const folder = locale === site.defaultLocale ? pages : new URL(`${locale}/`, pages);
  await mkdir(folder, { recursive: true });
  // JSON strings are valid YAML scalars; the locale is a BCP 47 tag the catalog validated.
  await writeFile(
    new URL('index.md', folder),
    `---\ntitle: ${JSON.stringify(title)}\noutline: false\n---\n\n<CookiePolicy locale="${locale}" />\n`,
  );
}

// The site's icon (our own drawing of a cookie), at /favicon.svg; config.mts puts it in the head.
await mkdir(new URL('public/', pages), { recursive: true });
await cp(new URL('../assets/favicon.svg', import.meta.url), new URL('public/favicon.svg', pages));

// The machine-readable exports at stable URLs: /exports/device-storage.json (IAB TCF, for the
// Global Vendor List's deviceStorageDisclosureUrl), /exports/open-cookie-database.csv,
// /exports/catalog.json and /exports/catalog.schema.json. VitePress copies public/ as it is.
const from = exportsFolder();
if (from) {
  const to = new URL('public/exports/', pages);
  await mkdir(to, { recursive: true });
  for (const file of await readdir(from)) {
    if (/\.(json|csv)$/.test(file)) await cp(new URL(file, from), new URL(file, to));
  }
}
