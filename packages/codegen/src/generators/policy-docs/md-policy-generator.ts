import { type Catalog, TABLE_SECTION } from '@cookie-catalog/catalog';
import Handlebars from 'handlebars';
import type { GeneratedFile, Generator } from '../../generator.js';
import { renderPolicyTable } from '../html-policy-table/policy-table-generator.js';
import { embeddedHtml, markdownText, markdownUrl, passThroughMarkdown } from './markdown-text.js';
import { policyFacts } from './policy-view.js';
import { stringsModule } from './strings-module.js';
import { template } from './templates.js';

const here = new URL('./', import.meta.url);
type Safe = Handlebars.SafeString;

interface PolicyMarkdownView {
  readonly frontmatterTitle: Safe;
  readonly lang: string;
  readonly title: Safe;
  readonly versionLine: Safe;
  readonly controllerHeading: Safe;
  readonly controllerName: Safe;
  readonly controllerWebsite: Safe;
  readonly dpoHeading: Safe;
  readonly dpoEmail: Safe;
  readonly dpoHref: Safe;
  readonly authoritiesHeading: Safe;
  readonly authorities: readonly { name: Safe; url: Safe }[];
  readonly languagesHeading: Safe;
  readonly languages: readonly { name: Safe; locale: string }[];
  readonly blocks: readonly { markdown: Safe }[];
}

/**
 * `md/policy`: the whole cookie policy per locale as Markdown with front matter, for
 * Markdown-based docs sites. The tables are embedded as the policy-table's accessible HTML, which
 * CommonMark passes through; a Markdown table could not carry captions and header scopes.
 */
export const mdPolicyGenerator: Generator = {
  id: 'md/policy',
  description: 'The whole cookie policy per locale as Markdown (@cookie-catalog/docs)',
  outDir: 'packages/docs/src/generated/markdown',
  defaultOptions: {},
  generate(catalog) {
    const documents: Record<string, string> = {};
    for (const locale of catalog.locales) documents[locale] = renderPolicyMarkdown(catalog, locale);
    return [
      ...Object.entries(documents).map(
        ([locale, text]): GeneratedFile => ({ path: `${locale}.md`, contents: text }),
      ),
      {
        path: 'index.ts',
        contents: stringsModule(catalog, {
          markdown: ['The whole cookie policy per locale, as Markdown.', documents],
        }),
      },
    ];
  },
};

export function renderPolicyMarkdown(catalog: Catalog, locale: string): string {
  const facts = policyFacts(catalog, locale);
  const blocks = catalog.sections.map((section) => ({
    markdown:
      section.id === TABLE_SECTION
        ? embeddedHtml(renderPolicyTable(catalog, locale))
        : passThroughMarkdown(section.markdown[locale] ?? ''),
  }));
  if (!catalog.sections.some((s) => s.id === TABLE_SECTION)) {
    blocks.push({ markdown: embeddedHtml(renderPolicyTable(catalog, locale)) });
  }
  const view: PolicyMarkdownView = {
    // A JSON string is a valid YAML double-quoted scalar: no line break, quote or colon escapes it.
    frontmatterTitle: new Handlebars.SafeString(JSON.stringify(facts.title)),
    lang: locale,
    title: markdownText(facts.title),
    versionLine: markdownText(`${facts.versionBefore}${facts.date}${facts.versionAfter}`),
    controllerHeading: markdownText(facts.controller.heading),
    controllerName: markdownText(facts.controller.name),
    controllerWebsite: markdownUrl(facts.controller.website),
    dpoHeading: markdownText(facts.dpo.heading),
    dpoEmail: markdownText(facts.dpo.email),
    dpoHref: markdownUrl(`mailto:${facts.dpo.email}`),
    authoritiesHeading: markdownText(facts.authorities.heading),
    authorities: facts.authorities.items.map((a) => ({
      name: markdownText(a.name),
      url: markdownUrl(a.url),
    })),
    languagesHeading: markdownText(facts.languages.heading),
    languages: facts.languages.items.map((l) => ({ name: markdownText(l.name), locale: l.locale })),
    blocks,
  };
  return `${template<PolicyMarkdownView>(here, 'policy.md.hbs')(view).trim()}\n`;
}
