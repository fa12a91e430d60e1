// Legal's loop is `cookie-catalog validate`, run after every edit, and its start-up is most of
// its time (issue #19): Node loads our catalog package, yaml, zod, markdown-it, handlebars… as
// ~250 separate modules, scanning each CommonJS one for export names. Bundled, the CLI starts in
// about half the time. Every command is its own chunk, loaded only when it runs.
//
// Left as packages, loaded from node_modules: ts-morph and TypeScript (the generators load them
// with require, ~10 MB), @changesets/parse (`diff`), and the optional @cookie-catalog/audit and
// /scan (a browser driver; ts-morph): a team that only validates and generates does not install
// them, and the command that needs one says so (src/optional-package.ts). The consent store
// drivers (@electric-sql/pglite, pg) stay packages too: `consent` loads one when it opens a store.
// Templates stay files: a generator finds its .hbs and .css beside its compiled module in
// @cookie-catalog/codegen's dist/generators/<id>/, so in the bundle its `import.meta.url` is
// rewritten to that module's address in the installed codegen package, wherever npm put it.
import { readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMetafile, build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = `${dist}bundle/`;
const codegen = dirname(
  await realpath(createRequire(import.meta.url).resolve('@cookie-catalog/codegen/package.json')),
);
const generators = `${join(codegen, 'dist', 'generators')}/`;
// The embedded consent store's PGlite runs in a worker thread from a file beside the runtime's
// pglite-client.js (dist/consent-records/pglite-worker.js): in the bundle, that module's
// `import.meta.url` is rewritten to its address in the installed @cookie-catalog/runtime, so the
// worker is started from there.
const runtime = dirname(
  await realpath(createRequire(import.meta.url).resolve('@cookie-catalog/runtime/package.json')),
);
const pgliteClient = join(runtime, 'dist', 'consent-records', 'pglite-client.js');

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
  external: [
    'ts-morph',
    'typescript',
    'playwright-core',
    '@changesets/parse',
    '@cookie-catalog/audit',
    '@cookie-catalog/scan',
    // The consent store drivers: optional peers of @cookie-catalog/runtime, loaded by dynamic
    // import when `consent` opens a store of their kind (PGlite ships its WASM beside its code).
    '@electric-sql/pglite',
    'pg',
  ],
  // CommonJS dependencies (handlebars, yaml's parts) call require() for Node's own modules;
  // __codegenPackage is where the installed @cookie-catalog/codegen is (its templates).
  banner: {
    js: "import { createRequire as __cookieCatalogRequire } from 'node:module'; import { pathToFileURL as __cookieCatalogFileUrl } from 'node:url'; const require = __cookieCatalogRequire(import.meta.url); const __codegenPackage = () => __cookieCatalogFileUrl(require.resolve('@cookie-catalog/codegen/package.json')).href; const __runtimePackage = () => __cookieCatalogFileUrl(require.resolve('@cookie-catalog/runtime/package.json')).href;",
  },
  plugins: [
    {
      name: 'generators-keep-their-address',
      setup(b) {
        b.onLoad({ filter: /[\\/]consent-records[\\/]pglite-client\.js$/ }, async (args) => {
          if ((await realpath(args.path)) !== pgliteClient) return undefined;
          const contents = await readFile(args.path, 'utf8');
          return {
            contents: contents.replaceAll(
              'import.meta.url',
              `new URL(${JSON.stringify(relative(runtime, pgliteClient).split('\\').join('/'))}, __runtimePackage()).href`,
            ),
            loader: 'js',
          };
        });
        b.onLoad({ filter: /[\\/]dist[\\/]generators[\\/].*\.js$/ }, async (args) => {
          if (!args.path.startsWith(generators)) return undefined;
          const contents = await readFile(args.path, 'utf8');
          if (!contents.includes('import.meta.url')) return undefined;
          const own = relative(codegen, args.path).split('\\').join('/');
          return {
            contents: contents.replaceAll(
              'import.meta.url',
              `new URL(${JSON.stringify(own)}, __codegenPackage()).href`,
            ),
            loader: 'js',
          };
        });
      },
    },
  ],
});

if (process.env.BUNDLE_REPORT) console.log(await analyzeMetafile(result.metafile));
