import { readFileSync } from 'node:fs';
import {
  type Catalog,
  catalogOfService,
  checkLink,
  declaredServices,
  type LabelKey,
  TABLE_SECTION,
} from '@cookie-catalog/catalog';
import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import type { GeneratedFile, Generator } from '../../generator.js';
import { renderPolicyTable } from '../html-policy-table/policy-table-generator.js';
import { languageName, type PolicyFacts, policyFacts } from './policy-view.js';
import { stringsModule } from './strings-module.js';
import { template } from './templates.js';

const here = new URL('./', import.meta.url);

/** Legal's Markdown as HTML: raw HTML shown as text, only https: and mailto: links (validated already). */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.validateLink = (url) => checkLink(url, { allowMailto: true }).ok;

interface PolicyBodyView {
  readonly facts: PolicyFacts;
  readonly blocks: readonly {
    readonly html: Handlebars.SafeString;
    /** The cookie table's block: the sentence on records of consent follows the table. */
    readonly table: boolean;
  }[];
}

interface PolicyPageView {
  readonly facts: PolicyFacts;
  readonly body: Handlebars.SafeString;
  /** From the page to the folder that holds styles.css and the whole catalog's pages. */
  readonly root: string;
}

/**
 * `html/policy`: the whole cookie policy per locale as a standalone, accessible HTML page with
 * `lang`, hreflang links to the other languages, and the table's stylesheet. Where policy.yaml
 * declares services, each service's own policy too (only the entries it uses), at
 * `services/<id>/<locale>.html`, beside the whole catalog's pages, which stay where they are.
 */
export const htmlPolicyGenerator: Generator = {
  id: 'html/policy',
  description: 'The whole cookie policy per locale as a standalone HTML page (the docs package)',
  outDir: 'packages/docs/src/generated/html',
  defaultOptions: {},
  generate(catalog) {
    const pages: Record<string, string> = {};
    const bodies: Record<string, string> = {};
    const titles: Record<string, string> = {};
    const names: Record<string, string> = {};
    for (const locale of catalog.locales) {
      titles[locale] = policyFacts(catalog, locale).title;
      names[locale] = languageName(locale);
      bodies[locale] = renderPolicyBody(catalog, locale);
      pages[locale] = renderPolicyPage(catalog, locale, bodies[locale]);
    }
    const servicePages: GeneratedFile[] = [];
    const serviceBodies: Record<string, Record<string, string>> = {};
    const serviceTitles: Record<string, Record<string, string>> = {};
    for (const service of declaredServices(catalog)) {
      const view = catalogOfService(catalog, service.id);
      const bodiesOfService: Record<string, string> = {};
      const titlesOfService: Record<string, string> = {};
      for (const locale of catalog.locales) {
        titlesOfService[locale] = policyFacts(view, locale).title;
        bodiesOfService[locale] = renderPolicyBody(view, locale);
        servicePages.push({
          path: `services/${service.id}/${locale}.html`,
          contents: renderPolicyPage(view, locale, bodiesOfService[locale]),
        });
      }
      serviceBodies[service.id] = bodiesOfService;
      serviceTitles[service.id] = titlesOfService;
    }
    const tableCss = readFileSync(new URL('../html-policy-table/styles.css', here), 'utf8');
    const pageCss = readFileSync(new URL('policy.css', here), 'utf8');
    return [
      ...Object.entries(pages).map(
        ([locale, html]): GeneratedFile => ({ path: `${locale}.html`, contents: html }),
      ),
      ...servicePages,
      { path: 'styles.css', contents: `${pageCss}\n${tableCss}` },
      {
        path: 'index.ts',
        contents: stringsModule(
          catalog,
          {
            html: ['The whole cookie policy per locale, as a standalone HTML page.', pages],
            fragments: [
              'The policy per locale without the page around it, for a docs site to embed.',
              bodies,
            ],
            titles: ["The policy's title per locale, for the page title.", titles],
            languageNames: [
              'Each locale named in its own language, for a language switch (Intl.DisplayNames).',
              names,
            ],
            servicesTitles: [
              'The title of a page that lists the services (empty words when none are declared).',
              Object.fromEntries(
                catalog.locales.map((locale) => [
                  locale,
                  declaredServices(catalog).length > 0
                    ? (catalog.labels.servicesTitle[locale] ?? '')
                    : '',
                ]),
              ),
            ],
          },
          {
            serviceNames: [
              'Each declared service named in every locale.',
              Object.fromEntries(declaredServices(catalog).map((s) => [s.id, { ...s.name }])),
            ],
            serviceFragments: [
              "Each service's own policy per locale (only the entries it uses), without the page around it.",
              serviceBodies,
            ],
            serviceTitles: ["Each service's policy title per locale.", serviceTitles],
          },
        ),
      },
      {
        // The same facts for tools that read files, not modules (a docs site's configuration).
        path: 'site.json',
        contents: `${JSON.stringify(
          {
            controller: catalog.controller.name,
            defaultLocale: catalog.defaultLocale,
            locales: catalog.locales.map((locale) => ({
              locale,
              name: names[locale],
              controller: catalog.controller.names[locale] ?? catalog.controller.name,
              title: titles[locale],
              frame: siteFrameWords(catalog, locale),
            })),
            // Each declared service with its name and page title per locale; [] when none.
            services: declaredServices(catalog).map((service) => ({
              id: service.id,
              names: service.name,
              titles: serviceTitles[service.id],
            })),
            servicesTitles: Object.fromEntries(
              catalog.locales.map((locale) => [locale, catalog.labels.servicesTitle[locale] ?? '']),
            ),
          },
          null,
          2,
        )}\n`,
      },
    ];
  },
};

/**
 * The words a docs site puts around the policy (VitePress's skip link, outline title, menus,
 * 404 page), from the catalog's labels: built in for the built-in languages, written under
 * `labels` for any other, so that no page shows the site generator's English defaults.
 */
export function siteFrameWords(catalog: Catalog, locale: string): Record<SiteFrameKey, string> {
  return Object.fromEntries(
    SITE_FRAME_KEYS.map((key) => [key, catalog.labels[key][locale] ?? '']),
  ) as Record<SiteFrameKey, string>;
}

const SITE_FRAME_KEYS = [
  'siteSkipToContent',
  'siteOutline',
  'siteReturnToTop',
  'siteLanguageMenu',
  'sitePreviousPage',
  'siteNextPage',
  'siteLastUpdated',
  'siteAppearance',
  'siteLightMode',
  'siteDarkMode',
  'siteMenu',
  'siteNotFoundTitle',
  'siteNotFoundText',
  'siteHome',
] as const satisfies readonly LabelKey[];
type SiteFrameKey = (typeof SITE_FRAME_KEYS)[number];

/**
 * The policy's content in one locale (title, facts, sections, tables) as an HTML fragment. It is
 * read away from our site (the docs site, a standalone page), so links to our site are absolute.
 */
export function renderPolicyBody(catalog: Catalog, locale: string): string {
  const blocks = catalog.sections.map((section) => ({
    html: new Handlebars.SafeString(
      section.id === TABLE_SECTION
        ? renderPolicyTable(catalog, locale, { absoluteLinks: true })
        : markdown.render(section.markdown[locale] ?? ''),
    ),
    table: section.id === TABLE_SECTION,
  }));
  if (!catalog.sections.some((s) => s.id === TABLE_SECTION)) {
    blocks.push({
      html: new Handlebars.SafeString(renderPolicyTable(catalog, locale, { absoluteLinks: true })),
      table: true,
    });
  }
  return template<PolicyBodyView>(
    here,
    'policy-body.hbs',
  )({ facts: policyFacts(catalog, locale), blocks });
}

/** The standalone page around the body: lang, title, hreflang links, stylesheet. */
export function renderPolicyPage(
  catalog: Catalog,
  locale: string,
  body = renderPolicyBody(catalog, locale),
): string {
  return template<PolicyPageView>(
    here,
    'policy.html.hbs',
  )({
    facts: policyFacts(catalog, locale),
    body: new Handlebars.SafeString(body),
    // A service's page is services/<id>/<locale>.html: its other languages sit beside it.
    root: catalog.scope ? '../../' : '',
  });
}
