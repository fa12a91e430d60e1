import type { Generator } from '../../generator.js';
import { entryModule } from '../typescript/entry-module.js';

/**
 * `ts/docs`: the docs package's entry module, which joins what `html/policy` and `md/policy`
 * write beside it. A generator of its own, in a folder of its own: the CLI replaces a
 * generator's whole output folder, so no generator may write into a folder that holds another's.
 */
export const tsDocsGenerator: Generator = {
  id: 'ts/docs',
  description:
    "The docs package's entry: the policy's HTML and Markdown per locale (the docs package)",
  outDir: 'packages/docs/src/generated/entry',
  defaultOptions: {},
  generate() {
    return [
      {
        path: 'index.ts',
        contents: entryModule(
          'The docs package: the whole cookie policy per locale, as HTML (pages and fragments) and Markdown.',
          [
            {
              from: '../html/index.js',
              values: [
                'defaultLocale',
                'fragments',
                'html',
                'languageNames',
                'locales',
                'serviceFragments',
                'serviceNames',
                'servicesTitles',
                'serviceTitles',
                'titles',
              ],
              types: ['Locale', 'ServiceId'],
            },
            { from: '../markdown/index.js', values: ['markdown', 'serviceMarkdown'] },
          ],
        ),
      },
    ];
  },
};
