import { type Catalog, catalogOfService, declaredServices } from '@cookie-catalog/catalog';
import Handlebars from 'handlebars';
import type { GeneratedFile, Generator } from '../../generator.js';
import { renderPolicyBody } from './html-policy-generator.js';
import { inertHtmlBlock, markdownText } from './markdown-text.js';
import { policyFacts } from './policy-view.js';
import { stringsModule } from './strings-module.js';
import { template } from './templates.js';

const here = new URL('./', import.meta.url);
type Safe = Handlebars.SafeString;

interface PolicyMarkdownView {
  readonly frontmatterTitle: Safe;
  readonly lang: string;
  readonly languages: readonly { name: Safe; locale: string }[];
  readonly body: Safe;
}

/**
 * `md/policy`: the whole cookie policy per locale as Markdown with front matter, for
 * Markdown-based docs sites. The policy itself is the same HTML as `html/policy`'s fragment,
 * embedded as one raw HTML block: that is the only form in which catalog text stays text in
 * every Markdown consumer (see markdown-text.ts), and a Markdown table could not carry
 * captions and header scopes anyway. The price: headings are HTML, so a site's Markdown plugins
 * give them no permalink anchors. Where policy.yaml declares services, each service's own policy
 * too, at `services/<id>/<locale>.md`.
 */
export const mdPolicyGenerator: Generator = {
  id: 'md/policy',
  description: 'The whole cookie policy per locale as Markdown (the docs package)',
  outDir: 'packages/docs/src/generated/markdown',
  defaultOptions: {},
  generate(catalog) {
    const documents: Record<string, string> = {};
    for (const locale of catalog.locales) documents[locale] = renderPolicyMarkdown(catalog, locale);
    const serviceDocuments: Record<string, Record<string, string>> = {};
    for (const service of declaredServices(catalog)) {
      const view = catalogOfService(catalog, service.id);
      serviceDocuments[service.id] = Object.fromEntries(
        catalog.locales.map((locale) => [locale, renderPolicyMarkdown(view, locale)]),
      );
    }
    return [
      ...Object.entries(documents).map(
        ([locale, text]): GeneratedFile => ({ path: `${locale}.md`, contents: text }),
      ),
      ...Object.entries(serviceDocuments).flatMap(([id, byLocale]) =>
        Object.entries(byLocale).map(
          ([locale, text]): GeneratedFile => ({
            path: `services/${id}/${locale}.md`,
            contents: text,
          }),
        ),
      ),
      {
        path: 'index.ts',
        contents: stringsModule(
          catalog,
          { markdown: ['The whole cookie policy per locale, as Markdown.', documents] },
          {
            serviceMarkdown: [
              "Each service's own policy per locale (only the entries it uses), as Markdown.",
              serviceDocuments,
            ],
          },
        ),
      },
    ];
  },
};

export function renderPolicyMarkdown(catalog: Catalog, locale: string): string {
  const facts = policyFacts(catalog, locale);
  const view: PolicyMarkdownView = {
    // A JSON string is a valid YAML double-quoted scalar: no line break, quote or colon escapes it.
    frontmatterTitle: new Handlebars.SafeString(JSON.stringify(facts.title)),
    lang: locale,
    languages: facts.languages.items.map((l) => ({ name: markdownText(l.name), locale: l.locale })),
    body: inertHtmlBlock(renderPolicyBody(catalog, locale)),
  };
  return `${template<PolicyMarkdownView>(here, 'policy.md.hbs')(view).trim()}\n`;
}
