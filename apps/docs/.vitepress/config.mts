import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';

// COOKIE_POLICY_DOCS points the site at another build of @cookie-catalog/docs (a module path):
// the site test uses it to build from a fixture catalog. Normally the package itself is used.
const docsModule = process.env.COOKIE_POLICY_DOCS;

export default defineConfig({
  title: 'Billogram',
  description: 'How Billogram uses cookies and similar technologies',
  cleanUrls: false,
  locales: {
    root: { label: 'English', lang: 'en', title: 'Billogram', description: 'Cookie policy' },
    sv: {
      label: 'Svenska',
      lang: 'sv',
      link: '/sv/',
      title: 'Billogram',
      description: 'Kakpolicy',
    },
  },
  themeConfig: {
    outline: false,
    search: undefined,
  },
  vite: {
    resolve: {
      alias: docsModule
        ? { '@cookie-catalog/docs': fileURLToPath(new URL(docsModule, 'file:///')) }
        : {},
    },
  },
});
