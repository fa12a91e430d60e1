// Legal's loop is `cookie-catalog validate`, run after every edit, and its start-up is most of
// its time (issue #19): Node loads our catalog package, yaml, zod, markdown-it, handlebars… as
// ~250 separate modules, scanning each CommonJS one for export names. Bundled, the CLI starts in
// about half the time. Every command is its own chunk, loaded only when it runs.
//
// Left as packages, loaded from node_modules: ts-morph and TypeScript (the generators and `scan`
// load them with require, ~10 MB), playwright-core (`audit`), @changesets/parse (`diff`).
// Templates stay files: a generator finds its .hbs and .css beside its compiled module in
// dist/generators/<id>/, so in the bundle its `import.meta.url` is rewritten to that module's
// own address.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMetafile, build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = `${dist}bundle/`;
const generators = `${dist}generators/`;

const result = await build({
  entryPoints: [`${dist}cli.js`],
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: !process.env.BUNDLE_REPORT,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  external: ['ts-morph', 'typescript', 'playwright-core', '@changesets/parse'],
  // CommonJS dependencies (handlebars, yaml's parts) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __cookieCatalogRequire } from 'node:module'; const require = __cookieCatalogRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'generators-keep-their-address',
      setup(b) {
        b.onLoad({ filter: /[\\/]dist[\\/]generators[\\/].*\.js$/ }, async (args) => {
          if (!args.path.startsWith(generators)) return undefined;
          const contents = await readFile(args.path, 'utf8');
          if (!contents.includes('import.meta.url')) return undefined;
          const own = relative(outdir, args.path).split('\\').join('/');
          return {
            contents: contents.replaceAll(
              'import.meta.url',
              `new URL(${JSON.stringify(own)}, import.meta.url).href`,
            ),
            loader: 'js',
          };
        });
      },
    },
  ],
});

if (process.env.BUNDLE_REPORT) console.log(await analyzeMetafile(result.metafile));
