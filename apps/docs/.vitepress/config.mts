import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { linkOf, readSite } from '../scripts/site.mjs';

// COOKIE_POLICY_DOCS points the site at another build of @billogram/cookies-docs (a module path):
// the site test uses it to build from a fixture catalog. Normally the package itself is used.
const docsModule = process.env.COOKIE_POLICY_DOCS;
const site = await readSite();
/** VitePress's default theme, whose components the aliases below wrap. */
const defaultTheme = join(
  dirname(createRequire(import.meta.url).resolve('vitepress')),
  '../client/theme-default',
);

// Every locale of the catalog, the default one at the root, each named in its own language and
// titled from the catalog: nothing here knows which organisation or languages it serves.
const locales = Object.fromEntries(
  site.locales.map(({ locale, name, controller, title, frame }: SiteLocale) => [
    locale === site.defaultLocale ? 'root' : locale,
    {
      label: name,
      lang: locale,
      link: linkOf(site, locale),
      title: controller ?? site.controller,
      description: title,
      themeConfig: frameWords(frame),
    },
  ]),
);

interface SiteLocale {
  locale: string;
  name: string;
  /** The controller's name in this locale. */
  controller?: string;
  title: string;
  /** VitePress's own words in this locale, from the catalog's labels (site.json). */
  frame: Record<string, string>;
}

/**
 * Every word the default theme would otherwise show in English (DefaultTheme.Config in
 * VitePress 1.6.4: skip link, outline title, return to top, language menu, previous/next, last
 * updated, the light/dark switch, the small-screen menu, the 404 page). The theme shows them
 * through Vue's {{ }}, which escapes, except previous/next (v-html): those are escaped here.
 * `outline` only names the outline: each page's front matter turns it off (scripts/pages.mjs).
 */
function frameWords(frame: SiteLocale['frame']): DefaultTheme.Config {
  const text = (key: string) => frame[key] ?? '';
  return {
    skipToContentLabel: text('siteSkipToContent'),
    outline: { label: text('siteOutline') },
    returnToTopLabel: text('siteReturnToTop'),
    langMenuLabel: text('siteLanguageMenu'),
    docFooter: {
      prev: escapeHtml(text('sitePreviousPage')),
      next: escapeHtml(text('siteNextPage')),
    },
    lastUpdated: { text: text('siteLastUpdated') },
    darkModeSwitchLabel: text('siteAppearance'),
    lightModeSwitchTitle: text('siteLightMode'),
    darkModeSwitchTitle: text('siteDarkMode'),
    sidebarMenuLabel: text('siteMenu'),
    notFound: {
      title: text('siteNotFoundTitle'),
      quote: text('siteNotFoundText'),
      linkText: text('siteHome'),
      linkLabel: text('siteHome'),
    },
  };
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export default defineConfig({
  srcDir: process.env.COOKIE_POLICY_PAGES ?? 'pages',
  title: site.controller,
  cleanUrls: false,
  // No light/dark switch: VitePress would keep the choice in localStorage
  // (vitepress-theme-appearance), storage no catalog declares. `cookie-catalog audit` checks it.
  appearance: false,
  // scripts/pages.mjs copies assets/favicon.svg there.
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  locales,
  themeConfig: {
    // No outline (the policy's headings are generated HTML, without anchors); each page's front
    // matter says so too, since a locale's themeConfig (its words) replaces this one's outline.
    outline: false,
    // The language menu leads to each locale's page, not to the same path under it: the site has
    // one page per locale, and /sv/404.html (from the 404 page) does not exist.
    i18nRouting: false,
    search: undefined,
  },
  vite: {
    resolve: {
      alias: [
        ...(docsModule
          ? [
              {
                find: '@billogram/cookies-docs',
                replacement: fileURLToPath(new URL(docsModule, 'file:///')),
              },
            ]
          : []),
        // The default theme's menu button, named in the page's language (theme/NavBarHamburger.vue);
        // only the theme's own relative import is replaced, so the wrapper can import the original.
        {
          find: /^\.\/VPNavBarHamburger\.vue$/,
          replacement: fileURLToPath(new URL('./theme/NavBarHamburger.vue', import.meta.url)),
        },
        {
          find: 'vitepress-theme-navbar-hamburger',
          replacement: join(defaultTheme, 'components/VPNavBarHamburger.vue'),
        },
        // Its 404 page, inside a main landmark (theme/NotFoundPage.vue), the same way.
        {
          find: /^\.\.\/NotFound\.vue$/,
          replacement: fileURLToPath(new URL('./theme/NotFoundPage.vue', import.meta.url)),
        },
        { find: 'vitepress-theme-not-found', replacement: join(defaultTheme, 'NotFound.vue') },
      ],
    },
  },
});
