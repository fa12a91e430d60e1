// npm run bench -w @billogram/cookies-consent
// What the browser readers cost a page: readConsent and hasConsent from
// @billogram/cookies-consent/browser, bundled with esbuild, minified, gzip -9, beside
// activateConsentedScripts. Target (issue): both readers together ≤ 400 B.
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
]);
