// npm run bench -w @cookie-catalog/client
// Generated readers against the cookie readers people use today, side by side in one run:
// jars of 5, 30 and 150 cookies, the target early, in the middle, or absent (with a decoy,
// old_language, that must not match). Then what readers weigh in a browser bundle.
import { gzipSync } from 'node:zlib';
import { parseCookie } from 'cookie';
import { build } from 'esbuild';
import { Bench } from 'tinybench';
import { readLanguage, readLanguageFrom } from '../dist/index.js';

globalThis.document = { cookie: '' };
const { default: Cookies } = await import('js-cookie');

function jar(size, where) {
  const others = Array.from({ length: size - 1 }, (_, i) => `cookie_${i}=${'v'.repeat(20)}${i}`);
  others.splice(Math.floor(others.length / 2), 0, 'old_language=en'); // the decoy
  if (where === 'early') others.splice(1, 0, 'language=sv');
  if (where === 'middle') others.splice(Math.floor(others.length / 2) + 1, 0, 'language=sv');
  return others.slice(0, size + 1).join('; ');
}

const BATCH = 100;
const rows = [];
for (const size of [5, 30, 150]) {
  for (const where of ['early', 'middle', 'absent']) {
    const cookies = jar(size, where);
    const expected = where === 'absent' ? undefined : 'sv';
    globalThis.document = { cookie: cookies };
    if (
      readLanguageFrom(cookies) !== expected ||
      parseCookie(cookies).language !== expected ||
      Cookies.get('language') !== expected ||
      readLanguage() !== expected
    ) {
      throw new Error(`readers disagree on ${size}/${where}`);
    }
    let sink = 0;
    const bench = new Bench({ time: 300, warmup: true, warmupTime: 100 });
    bench
      .add('generated readLanguageFrom', () => {
        for (let i = 0; i < BATCH; i++) sink += readLanguageFrom(cookies) === undefined ? 0 : 1;
      })
      .add('cookie@2 parseCookie(str).language', () => {
        for (let i = 0; i < BATCH; i++) sink += parseCookie(cookies).language === undefined ? 0 : 1;
      })
      .add('generated readLanguage (document.cookie)', () => {
        for (let i = 0; i < BATCH; i++) sink += readLanguage() === undefined ? 0 : 1;
      })
      .add("js-cookie Cookies.get('language')", () => {
        for (let i = 0; i < BATCH; i++) sink += Cookies.get('language') === undefined ? 0 : 1;
      });
    await bench.run();
    const hz = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result.throughput.mean]));
    const vsCookie = hz['generated readLanguageFrom'] / hz['cookie@2 parseCookie(str).language'];
    const vsJsCookie =
      hz['generated readLanguage (document.cookie)'] / hz["js-cookie Cookies.get('language')"];
    rows.push({
      jar: `${size} cookies, ${where}`,
      'ns per read (ours)': Math.round(1e9 / hz['generated readLanguageFrom'] / BATCH),
      'vs cookie@2': `${vsCookie.toFixed(1)}× ${vsCookie >= 5 ? 'yes' : 'NO'}`,
      'vs js-cookie': `${vsJsCookie.toFixed(1)}× ${vsJsCookie >= 10 ? 'yes' : 'NO'}`,
    });
    if (sink < 0) console.log(sink);
  }
}
console.log('Reading one cookie (targets: ≥ 5× cookie@2, ≥ 10× js-cookie)');
console.table(rows);

async function gzipped(entry) {
  const result = await build({
    stdin: { contents: entry, resolveDir: import.meta.dirname },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
  });
  return gzipSync(result.outputFiles[0].text, { level: 9 }).length;
}
const one = await gzipped("export { readLanguage } from '@cookie-catalog/client';");
const sizes = [
  { bundle: 'readLanguage', 'bytes gzipped': one, target: '≤ 300', met: one <= 300 ? 'yes' : 'NO' },
];
for (const further of ['readCsrftoken', 'readBillogramGDPR', 'readLanguageFrom']) {
  const both = await gzipped(`export { readLanguage, ${further} } from '@cookie-catalog/client';`);
  sizes.push({
    bundle: `+ ${further}`,
    'bytes gzipped': both,
    added: both - one,
    target: '≤ +20',
    met: both - one <= 20 ? 'yes' : 'NO',
  });
}
// The real catalog has one reader of each kind; the basic fixture's golden output has more, so
// the cost of a further reader of the same kind shows too.
const fixture = new URL('../../codegen/test/golden/basic/client/cookies.ts', import.meta.url)
  .pathname;
const theme = await gzipped(`export { readTheme } from '${fixture}';`);
sizes.push({ bundle: 'fixture: readTheme (enum)', 'bytes gzipped': theme });
for (const further of ['readVisits', 'readNote', 'readPrefs']) {
  const both = await gzipped(`export { readTheme, ${further} } from '${fixture}';`);
  sizes.push({
    bundle: `fixture: + ${further}`,
    'bytes gzipped': both,
    added: both - theme,
    target: '≤ +20',
    met: both - theme <= 20 ? 'yes' : 'NO',
  });
}
sizes.push({
  bundle: 'js-cookie (whole library)',
  'bytes gzipped': await gzipped("export { default } from 'js-cookie';"),
});
sizes.push({
  bundle: 'cookie@2 parseCookie',
  'bytes gzipped': await gzipped("export { parseCookie } from 'cookie';"),
});
console.log('Bundled, minified, gzipped (level 9)');
console.table(sizes);
