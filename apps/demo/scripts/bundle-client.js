// Bundles the page script with the client package, as an app's build would.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/browser/app.ts', import.meta.url).pathname],
  outfile: new URL('../dist/public/app.js', import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
});
