// Writes the site's pages from the catalog's locales: the default locale at /, every other at
// /<locale>/; where the catalog declares services, their list at services/ and each one's page at
// services/<id>/ under each. Run before `vitepress build` and `vitepress dev` (see package.json), so that a
// catalog with other languages gets its own pages. The pages only place the policy component;
// the policy itself comes from @billogram/cookies-docs by import.
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportsFolder, readSite } from './site.mjs';

const site = await readSite();
// COOKIE_POLICY_PAGES: another folder (the site test builds a fixture catalog's site there).
const pages = process.env.COOKIE_POLICY_PAGES
  ? pathToFileURL(`${process.env.COOKIE_POLICY_PAGES}/`)
  : new URL('../pages/', import.meta.url);
await rm(pages, { recursive: true, force: true });
// JSON strings are valid YAML scalars; the locale is a BCP 47 tag and a service id a simple id
// (lowercase letters, digits, hyphens) that the catalog validated.
const page = (title, body) =>
  `---\ntitle: ${JSON.stringify(title)}\noutline: false\n---\n\n${body}\n`;
const services = site.services ?? [];
for (const { locale, title } of site.locales) {
  const folder = locale === site.defaultLocale ? pages : new URL(`${locale}/`, pages);
  await mkdir(folder, { recursive: true });
  await writeFile(new URL('index.md', folder), page(title, `<CookiePolicy locale="${locale}" />`));
  // Where the catalog declares services: a page listing them at services/, and each one's own
  // policy at services/<id>/, beside the whole catalog's page, which stays where it is.
  if (services.length === 0) continue;
  await mkdir(new URL('services/', folder), { recursive: true });
  await writeFile(
    new URL('services/index.md', folder),
    page(site.servicesTitles[locale], `<ServiceList locale="${locale}" />`),
  );
  for (const service of services) {
    const at = new URL(`services/${service.id}/`, folder);
    await mkdir(at, { recursive: true });
    await writeFile(
      new URL('index.md', at),
      page(service.titles[locale], `<CookiePolicy locale="${locale}" service="${service.id}" />`),
    );
  }
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
  // Each declared service's exports beside them, at /exports/services/<id>/.
  for (const file of await readdir(from, { recursive: true })) {
    if (!/\.(json|csv)$/.test(file)) continue;
    await mkdir(new URL(dirname(file) === '.' ? './' : `${dirname(file)}/`, to), {
      recursive: true,
    });
    await cp(new URL(file, from), new URL(file, to));
  }
}
