// npm run bench -w @billogram/cookies-consent
// What the browser readers cost a page: readConsent and hasConsent from
// @billogram/cookies-consent/browser, bundled with esbuild, minified, gzip -9, beside
// activateConsentedScripts, and removeWithdrawnStorage with the reader it calls by default.
// Targets: both readers together ≤ 400 B (issue); removeWithdrawnStorage with readConsent
// ≤ 800 B (issue #30 item 6): readConsent is about 430 B of it, and the removal (storage keys by
// index, IndexedDB listed with databases() and deleted with deleteDatabase, every store in its own
// try, so that a blocked one never stops the rest) about 370 B, which a catalog's declarations
// add to only a few bytes each. Reported, not asserted.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

async function size(names) {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from '@billogram/cookies-consent/browser';`,
      resolveDir: new URL('.', import.meta.url).pathname,
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const readers = await size(['readConsent', 'hasConsent']);
const withScripts = await size(['readConsent', 'hasConsent', 'activateConsentedScripts']);
const storage = await size(['readConsent', 'removeWithdrawnStorage']);
console.table([
  {
    bundle: 'readConsent + hasConsent',
    'min (B)': readers.minified,
    'min+gz (B)': readers.gzipped,
    target: '≤ 400 B',
    met: readers.gzipped <= 400 ? 'YES' : 'NO',
  },
  {
    bundle: '+ activateConsentedScripts',
    'min (B)': withScripts.minified,
    'min+gz (B)': withScripts.gzipped,
    target: '(shown)',
    met: '',
  },
  {
    bundle: 'readConsent + removeWithdrawnStorage',
    'min (B)': storage.minified,
    'min+gz (B)': storage.gzipped,
    target: '≤ 800 B',
    met: storage.gzipped <= 800 ? 'YES' : 'NO',
  },
]);
