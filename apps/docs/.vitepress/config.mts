import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { linkOf, readSite } from '../scripts/site.mjs';

// COOKIE_POLICY_DOCS points the site at another build of @billogram/cookies-docs (a module path):
// the site test uses it to build from a fixture catalog. Normally the package itself is used.
const docsModule = process.env.COOKIE_POLICY_DOCS;
const site = await readSite();

// Every locale of the catalog, the default one at the root, each named in its own language and
// titled from the catalog: nothing here knows which organisation or languages it serves.
const locales = Object.fromEntries(
  site.locales.map(({ locale, name, title }: { locale: string; name: string; title: string }) => [
    locale === site.defaultLocale ? 'root' : locale,
    {
      label: name,
      lang: locale,
      link: linkOf(site, locale),
      title: site.controller,
      description: title,
    },
  ]),
);

export default defineConfig({
  srcDir: process.env.COOKIE_POLICY_PAGES ?? 'pages',
  title: site.controller,
  cleanUrls: false,
  // No light/dark switch: VitePress would keep the choice in localStorage
  // (vitepress-theme-appearance), storage no catalog declares. `cookie-catalog audit` checks it.
  appearance: false,
  locales,
  themeConfig: {
    outline: false,
    search: undefined,
  },
  vite: {
    resolve: {
      alias: docsModule
        ? { '@billogram/cookies-docs': fileURLToPath(new URL(docsModule, 'file:///')) }
        : {},
    },
  },
});
