import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CATALOG } from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';
import { componentScript, scanProject } from '../src/index.js';

/*
 * Issue #29, "Hardening the new surfaces": scan on minified and vendored code, on files with
 * tens of thousands of calls or absurd nesting, and the framework forms it missed. Each test here
 * finishes in seconds; on the code before the fix each of the big-file tests ran for minutes (past
 * the test timeout) or aborted the whole scan. How fast is `npm run bench -w @cookie-catalog/scan`.
 */

let catalog: Catalog;
beforeAll(async () => {
  const loaded = await loadCatalog(FIXTURE_CATALOG);
  if (!loaded.catalog) throw new Error('the fixture catalog should be valid');
  catalog = loaded.catalog;
});

/** A project in a fresh temporary folder: relative path → text. */
async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cookie-catalog-scan-hard-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const scan = (cwd: string, more: Partial<Parameters<typeof scanProject>[1]> = {}) =>
  scanProject(catalog, { cwd, paths: [], tsconfig: undefined, ...more });

/** One line of minified code: `count` small functions, a cookie write and a storage write among them every `every`. */
function minified(count: number, every: number): { text: string; names: string[] } {
  const parts: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(
      `function f${i}(a,b){var c=a.x+b[${i}]||{k:${i},v:"s${i}"};if(c.k>2){for(var d=0;d<c.k;d++)c.v+=d}return c}`,
    );
    if (i % every === 0) {
      parts.push(`document.cookie="min_c${i}=1"`, `localStorage.setItem("min_k${i}","v")`);
      names.push(`min_c${i}`, `min_k${i}`);
    }
  }
  return { text: parts.join(';'), names };
}

describe('scan on big files', () => {
  it('a 2 MB minified line: every write found, at its column, with the budget raised', async () => {
    const { text, names } = minified(20_000, 1_000);
    expect(text.length).toBeGreaterThan(2_000_000);
    const dir = await project({ 'src/bundle.js': text });
    const { calls, problems } = await scan(dir, { maxFileSize: 4 * 1024 * 1024 });
    expect(calls.map((c) => c.name?.join(''))).toEqual(names);
    // Positions are where the text is: the last write's column is its offset in the line.
    const last = calls.at(-1);
    expect(last?.line).toBe(1);
    expect(text.slice((last?.column ?? 0) - 1)).toMatch(/^localStorage\.setItem\("min_k19000"/);
    expect(problems.filter((p) => p.rule === 'scan/undeclared')).toHaveLength(names.length);
  });

  it('40,000 calls in one file: all found, each at its line', async () => {
    const lines = Array.from(
      { length: 40_000 },
      (_, i) => `localStorage.setItem('many_${i}', 'v');`,
    );
    const dir = await project({ 'src/many.js': `${lines.join('\n')}\n` });
    const { calls, problems } = await scan(dir, { maxFileSize: 4 * 1024 * 1024 });
    expect(calls).toHaveLength(40_000);
    expect(calls.at(-1)).toMatchObject({ name: ['many_39999'], line: 40_000, column: 1 });
    expect(problems).toHaveLength(40_000);
  });

  it('a file over the size budget is a note; the rest of the code base is still scanned', async () => {
    const { text } = minified(12_000, 1_000); // 1.2 MB, over the default 1 MB
    const dir = await project({
      'src/bundle.js': text,
      'src/page.ts': "document.cookie = 'small_file=1';\n",
    });
    const { problems, calls } = await scan(dir);
    const note = problems.find((p) => p.rule === 'scan/not-scanned');
    expect(note).toMatchObject({ severity: 'info', file: join(dir, 'src/bundle.js'), line: 1 });
    expect(note?.message).toMatch(/1\.\d MB, over scan's budget of 1 MB/);
    expect(note?.fix).toContain('--max-file-size 2MB');
    expect(calls.map((c) => c.name?.join(''))).toEqual(['small_file']);
  });

  it.each([
    ['parentheses', `x = ${'('.repeat(800)}1${')'.repeat(800)};`],
    ['calls', `x = ${'f('.repeat(800)}1${')'.repeat(800)};`],
    ['arrays', `x = ${'['.repeat(800)}1${']'.repeat(800)};`],
    ['objects', `x = ${'{a:'.repeat(800)}1${'}'.repeat(800)};`],
  ])(
    'an expression of %s 800 deep is a note for its file, not the end of the scan',
    async (_, deep) => {
      const dir = await project({
        'src/deep.js': `${deep}\ndocument.cookie = 'deep_file=1';\n`,
        'src/page.ts': "document.cookie = 'beside_deep=1';\n",
      });
      const { problems, calls } = await scan(dir);
      expect(problems.find((p) => p.rule === 'scan/not-scanned')).toMatchObject({
        file: join(dir, 'src/deep.js'),
        message: expect.stringMatching(/nests its syntax (more than 500 deep|too deep to parse)/),
      });
      expect(calls.map((c) => c.name?.join(''))).toEqual(['beside_deep']);
    },
  );

  it('a .vue file with 120,000 unclosed <script tags: its real block is read, once', async () => {
    const vue = [
      '<template><p>hi</p></template>',
      '<script setup lang="ts">',
      "localStorage.setItem('vue_unclosed', '1');",
      '</script>',
      '<script data-late>x0()',
      // 120,000 tags that never close (960 kB, under the size budget): the regular expression
      // before took over a minute, retrying from each.
      '<script\n'.repeat(120_000),
    ].join('\n');
    const script = componentScript(vue);
    expect(script?.lang).toBe('ts');
    expect(script?.text).toContain("localStorage.setItem('vue_unclosed', '1');");
    expect(script?.text).not.toContain('x0()');
    const dir = await project({ 'src/Page.vue': vue });
    const { calls } = await scan(dir);
    expect(calls).toMatchObject([{ name: ['vue_unclosed'], line: 3, column: 1 }]);
  });
});

describe('vendored code', () => {
  const files = {
    'src/app.ts': "document.cookie = 'own_code=1';\n",
    'src/lib.min.js': 'document.cookie="in_min_js=1";',
    'public/analytics.js': "document.cookie = 'in_public=1';\n",
    'static/legacy.js': "document.cookie = 'in_static=1';\n",
    'src/vendor/widget.js': "document.cookie = 'in_vendor=1';\n",
  };
  const names = async (dir: string, includeVendored: boolean) =>
    (await scan(dir, { includeVendored })).calls.map((c) => c.name?.join('')).sort();

  it('*.min.js and vendor/, public/, static/ are left out, and listed, unless asked for', async () => {
    const dir = await project(files);
    const result = await scan(dir);
    expect(result.calls.map((c) => c.name?.join(''))).toEqual(['own_code']);
    const shown = (path: string) => `${relative(dir, path)}${path.endsWith(sep) ? '/' : ''}`;
    expect(result.vendored.map(shown).sort()).toEqual([
      'public/',
      'src/lib.min.js',
      'src/vendor/',
      'static/',
    ]);
    expect(await names(dir, true)).toEqual([
      'in_min_js',
      'in_public',
      'in_static',
      'in_vendor',
      'own_code',
    ]);
  });

  it('a vendored file named on the command line is scanned: it was asked for', async () => {
    const dir = await project(files);
    const { calls } = await scanProject(catalog, {
      cwd: dir,
      paths: ['src/lib.min.js', 'public'],
      tsconfig: undefined,
    });
    expect(calls.map((c) => c.name?.join('')).sort()).toEqual(['in_min_js', 'in_public']);
  });

  it('symbolic links are still not followed', async () => {
    const outside = await project({ 'elsewhere.js': "document.cookie = 'through_link=1';\n" });
    const dir = await project({ 'src/app.ts': "document.cookie = 'own_code=1';\n" });
    await symlink(outside, join(dir, 'src', 'linked'));
    await symlink(join(outside, 'elsewhere.js'), join(dir, 'src', 'linked.js'));
    expect(await names(dir, true)).toEqual(['own_code']);
  });
});

describe('framework forms', () => {
  it('Express, Fastify and Hono headers, a destructured cookies, window["localStorage"]', async () => {
    const source = [
      'declare const res: any, reply: any, c: any;',
      "res.header('Set-Cookie', 'fw_express_header=1; Path=/');",
      "res.set({ 'Set-Cookie': 'fw_express_set=1', 'Content-Type': 'text/html' });",
      "c.header('Set-Cookie', 'fw_hono_header=1');",
      "c.text('hello', 200, { 'Set-Cookie': 'fw_hono_text=1' });",
      "c.json({ ok: true }, { status: 200, headers: { 'Set-Cookie': 'fw_hono_json=1' } });",
      "reply.header('set-cookie', 'fw_fastify_header=1');",
      "reply.headers({ 'Set-Cookie': ['fw_fastify_headers=1', 'fw_fastify_headers2=1; Max-Age=0'] });",
      "export const load = ({ cookies }: { cookies: any }) => cookies.set('fw_destructured', '1');",
      "export const other = ({ cookies: jar }: { cookies: any }) => jar.delete('fw_renamed');",
      "window['localStorage'].setItem('fw_window_bracket', '1');",
      "globalThis['sessionStorage'].removeItem('fw_global_bracket');",
      // Not cookies: the same methods with other headers, and a Map.
      "res.header('Content-Type', 'text/plain'); res.set({ 'Cache-Control': 'no-store' });",
      "c.text('plain', 200, { 'X-Id': '1' }); new Map().set('not_a_cookie', 1);",
      '',
    ].join('\n');
    const dir = await project({ 'src/server.ts': source });
    const { calls, problems } = await scan(dir);
    const found = calls.map((c) => `${c.line} ${c.access} ${c.name?.join('')}`);
    expect(found).toEqual([
      '2 write fw_express_header',
      '3 write fw_express_set',
      '4 write fw_hono_header',
      '5 write fw_hono_text',
      '6 write fw_hono_json',
      '7 write fw_fastify_header',
      '8 write fw_fastify_headers',
      '8 delete fw_fastify_headers2',
      '9 write fw_destructured',
      '10 delete fw_renamed',
      '11 write fw_window_bracket',
      '12 delete fw_global_bracket',
    ]);
    expect(problems.every((p) => p.rule === 'scan/undeclared')).toBe(true);
    expect(problems).toHaveLength(found.length);
  });
});

describe('what the syntax tells before the checker is asked', () => {
  it('a declared name is not the global; a const declared later is still an alias', async () => {
    const source = [
      "function save(localStorage: { setItem(k: string, v: string): void }) { localStorage.setItem('shadowed_key', '1'); }",
      "export function later() { jar.cookie = 'alias_declared_later=1'; }",
      'const jar = doc;',
      'const doc = window.document;',
      "const { cookies: c } = { cookies: new Map() }; c.set('destructured_const', 1);",
      'save({ setItem() {} });',
      '',
    ].join('\n');
    const dir = await project({ 'src/page.ts': source });
    const { calls } = await scan(dir);
    expect(calls.map((c) => `${c.line} ${c.name?.join('')}`)).toEqual([
      '2 alias_declared_later',
      '5 destructured_const',
    ]);
  });
});

describe('the CLI', () => {
  it('--include-vendored and --max-file-size', async () => {
    const dir = await project({
      'src/app.ts': "document.cookie = 'own_code=1';\n",
      'public/analytics.js': "document.cookie = 'in_public=1';\n",
      'src/big.js': `${"document.cookie = 'big_file=1';\n"}${'// padding\n'.repeat(100_000)}`,
    });
    const plain = await runCli(['scan', '--catalog', FIXTURE_CATALOG], dir);
    expect(plain.stderr).toBe('');
    expect(plain.stdout).toContain('own_code');
    expect(plain.stdout).not.toContain('in_public');
    expect(plain.stdout).toContain(
      'vendored code not scanned: public/ (--include-vendored scans it)',
    );
    expect(plain.stdout).toMatch(/src\/big\.js:1:1 {2}scan\/not-scanned {2}note: not scanned/);

    const all = await runCli(
      ['scan', '--catalog', FIXTURE_CATALOG, '--include-vendored', '--max-file-size', '2MB'],
      dir,
    );
    expect(all.code).toBe(1);
    for (const name of ['own_code', 'in_public', 'big_file']) expect(all.stdout).toContain(name);
    expect(all.stdout).not.toContain('not scanned');
  });

  it.each([
    [['--max-file-size', 'lots'], /--max-file-size "lots" is not a size/],
    [['--max-file-size'], /--max-file-size needs a value/],
    [['--no-such-flag'], /scan has no option --no-such-flag/],
    [['--tsconfig', 'nope.json'], /--tsconfig nope\.json does not exist/],
    [['--tsconfig', 'broken.json'], /broken\.json is not a tsconfig TypeScript can read/],
    [['README.md'], /README\.md is not a script or component/],
    [['--catalog', 'no-catalog-here'], /the catalog folder no-catalog-here does not exist/],
    [['--format', 'xml'], /--format must be text, json or sarif/],
  ])('scan %j: one line, exit 2', async (args, message) => {
    const dir = await project({
      'src/app.ts': 'export {};\n',
      'README.md': '# hi\n',
      'broken.json': '{ "compilerOptions": ',
    });
    const { code, stdout, stderr } = await runCli(
      ['scan', ...(args.includes('--catalog') ? [] : ['--catalog', FIXTURE_CATALOG]), ...args],
      dir,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(await readFile(join(dir, 'src/app.ts'), 'utf8')).toBe('export {};\n');
  });
});
