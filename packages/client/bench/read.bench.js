// npm run bench -w @billogram/cookies-client
// Generated readers against the cookie readers people use today, side by side in one run:
// jars of 5, 30 and 150 cookies, the target early, in the middle, or absent (with a decoy,
// old_language, that must not match). Then what readers weigh in a browser bundle: one reader
// (≤ 300 B), each further one beside what that reader's own data (its name and allowed values)
// alone adds to the same bundle, a further reader of a kind already in the bundle (≤ 24 B), and
// everything the client package exports against js-cookie (issue #19).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadCatalog } from '@cookie-catalog/catalog';
import { runGenerator, tsClientGenerator } from '@cookie-catalog/codegen';
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

/**
 * The text a reader cannot do without, from its catalog entry: the cookie's name and what its
 * value may be (enum members, the pattern, JSON field names and their members).
 */
function readerData(catalog, functionName) {
  const entry = catalog.entries.find((e) => e.functionName === functionName);
  const value = entry.value;
  const fieldData = (type) => (type.type === 'enum' ? type.values : []);
  return [
    entry.name.pattern,
    ...(value.type === 'enum' ? value.values : []),
    ...(value.type === 'string' && value.pattern !== undefined ? [value.pattern] : []),
    ...(value.type === 'json' ? value.fields.flatMap((f) => [f.name, ...fieldData(f.type)]) : []),
  ];
}

async function loaded(dir) {
  const { catalog, problems } = await loadCatalog(fileURLToPath(new URL(dir, import.meta.url)));
  if (!catalog) throw new Error(problems.map((p) => p.message).join('\n'));
  return catalog;
}

/**
 * Adds `further` readers one at a time to a bundle of `first`, and beside each, what its data
 * alone adds to the same bundle (the data as an array literal, no code, measured against an empty
 * one): the part of a reader no code shape can remove.
 */
async function furtherReaders(label, catalog, from, first, further) {
  const base = await gzipped(`export { ${first} } from '${from}';`);
  const rows = [{ bundle: `${label}${first}`, 'bytes gzipped': base }];
  for (const name of further) {
    const both = await gzipped(`export { ${first}, ${name} } from '${from}';`);
    const data = readerData(catalog, name.replace(/^read/, ''));
    const withData = (literal) =>
      gzipped(`export { ${first} } from '${from}';\nexport const data = ${literal};`);
    const dataAlone = (await withData(JSON.stringify(data))) - (await withData('[]'));
    rows.push({
      bundle: `${label}+ ${name}`,
      'bytes gzipped': both,
      added: both - base,
      'its data alone': dataAlone,
    });
  }
  return rows;
}

const one = await gzipped("export { readLanguage } from '@billogram/cookies-client';");
const sizes = [
  { bundle: 'readLanguage', 'bytes gzipped': one, target: '≤ 300', met: one <= 300 ? 'yes' : 'NO' },
];
const both = await gzipped(
  "export { readLanguage, readLanguageFrom } from '@billogram/cookies-client';",
);
sizes.push({
  bundle: '+ readLanguageFrom',
  'bytes gzipped': both,
  added: both - one,
  target: '≤ +24',
  met: both - one <= 24 ? 'yes' : 'NO',
});
sizes.push(
  ...(
    await furtherReaders(
      '',
      await loaded('../../../catalog'),
      '@billogram/cookies-client',
      'readLanguage',
      ['readCsrftoken', 'readBillogramGDPR'],
    )
  ).slice(1),
);
// The real catalog has one reader of each kind; the basic fixture's golden output adds an integer,
// a percent-encoded string and a base64url JSON reader.
const fixtureCatalog = await loaded('../../codegen/test/fixtures/basic/catalog');
const fixture = fileURLToPath(
  new URL('../../codegen/test/golden/basic/client/cookies.ts', import.meta.url),
);
sizes.push(
  ...(await furtherReaders('fixture: ', fixtureCatalog, fixture, 'readTheme', [
    'readVisits',
    'readNote',
    'readPrefs',
  ])),
);
// A further reader of a kind and value rule already in the bundle: each fixture cookie beside a
// twin that differs only in its name (spelled backwards, so it shares no text with the first).
// This is what a reader's code costs once its kind is there: about its name.
const twins = fixtureCatalog.entries
  .filter((entry) => entry.kind === 'cookie' && entry.party === 'first')
  .filter((entry) => !entry.attributes.httpOnly && entry.name.parameters.length === 0)
  .map((entry) => {
    const name = [...entry.name.pattern].reverse().join('');
    return {
      ...entry,
      id: `${entry.id}-twin`,
      functionName: `${entry.functionName}Twin`,
      name: { ...entry.name, pattern: name, parts: [{ type: 'literal', text: name }] },
    };
  });
const [twinModule] = runGenerator(tsClientGenerator, {
  ...fixtureCatalog,
  entries: [...fixtureCatalog.entries, ...twins],
});
// Inside the package, so that the generated import of @cookie-catalog/runtime resolves.
const twinFile = fileURLToPath(
  new URL('../node_modules/.cache/cookie-catalog-bench/twins.ts', import.meta.url),
);
await mkdir(dirname(twinFile), { recursive: true });
await writeFile(twinFile, twinModule.contents);
for (const twin of twins) {
  const first = `read${twin.functionName.replace(/Twin$/, '')}`;
  const base = await gzipped(`export { ${first} } from '${twinFile}';`);
  const both = await gzipped(`export { ${first}, read${twin.functionName} } from '${twinFile}';`);
  sizes.push({
    bundle: `fixture: ${first} + the same kind named '${twin.name.pattern}'`,
    'bytes gzipped': both,
    added: both - base,
    target: '≤ +24',
    met: both - base <= 24 ? 'yes' : 'NO',
  });
}
// Everything the real catalog's client package exports (readers, writers, the error class), in one
// bundle, against the whole of js-cookie bundled the same way.
const jsCookie = await gzipped("export { default } from 'js-cookie';");
const everything = await gzipped("export * from '@billogram/cookies-client';");
sizes.push({
  bundle: 'everything @billogram/cookies-client exports',
  'bytes gzipped': everything,
  target: `≤ js-cookie (${jsCookie})`,
  met: everything <= jsCookie ? 'yes' : 'NO',
});
sizes.push({ bundle: 'js-cookie (whole library)', 'bytes gzipped': jsCookie });
sizes.push({
  bundle: 'cookie@2 parseCookie',
  'bytes gzipped': await gzipped("export { parseCookie } from 'cookie';"),
});
console.log('Bundled, minified, gzipped (level 9)');
console.table(sizes);
