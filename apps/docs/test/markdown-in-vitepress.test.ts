import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadCatalog } from '@cookie-catalog/catalog';
import { mdPolicyGenerator, runGenerator } from '@cookie-catalog/codegen';
import {
  type Browser,
  type LocalServer,
  launchChromium,
  serveStatic,
} from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../../packages/catalog/test/catalog-copy.js';

/*
 * The generated Markdown (md/policy) is meant for Markdown docs sites. VitePress compiles every
 * page as a Vue template, runs markdown-it plugins (containers, attributes) over it and expands
 * `<!--@include: …-->` before that. A catalog full of such syntax must build into a page that
 * executes nothing, reads no file, and shows the text as written.
 */

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const VITEPRESS = join(ROOT, 'node_modules', 'vitepress', 'bin', 'vitepress.js');
/** 7 × 191: if this number appears, an interpolation ran. */
const RAN = '1337';
const SECRET = 'SECRET-FROM-OUTSIDE-THE-CATALOG';

async function hostileSite(): Promise<{ dist: string; secretPath: string }> {
  const secretPath = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-secret-')), 'secret.md');
  await writeFile(secretPath, `${SECRET}\n`);
  const section = [
    'Plain: {{ 7*191 }} and code `{{ 7*191 }}` and ' +
      "\\`{{ $emit.constructor('return process.version')() }}` too.",
    '',
    `<!--@include: ${secretPath}-->`,
    '',
    '::: danger PWNED',
    'inside a container',
    ':::',
    '',
    '## A heading {onclick="globalThis.pwned = 1" id=pwned-heading}',
    '',
    '[a link](https://example.com){onclick="globalThis.pwned = 2"}',
    '',
    '<script setup>globalThis.pwned = 3</script>',
    '',
    '<div v-html="\'<img src=x onerror=globalThis.pwned=4>\'"></div>',
    '',
    '```js',
    'const x = "{{ 7*191 }}";',
    '',
    `<!--@include: ${secretPath}-->`,
    '```',
  ].join('\n');
  const dir = await editedCatalog([
    { file: 'sections/en/contact.md', with: `${section}\n` },
    { file: 'sections/sv/contact.md', with: `${section}\n` },
    {
      file: 'policy.yaml',
      find: 'policyTitle: { en: Cookie policy,',
      with: 'policyTitle: { en: "Cookie policy {{ 7*191 }}",',
    },
  ]);
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog) throw new Error(`the hostile catalog must be valid:\n${JSON.stringify(problems)}`);
  const site = join(dir, '..', 'site');
  await mkdir(site, { recursive: true });
  // VitePress and Vue resolve from the repository's node_modules.
  await symlink(join(ROOT, 'node_modules'), join(site, 'node_modules'));
  for (const file of runGenerator(mdPolicyGenerator, catalog)) {
    if (file.path.endsWith('.md')) await writeFile(join(site, file.path), file.contents);
  }
  const dist = join(site, 'dist');
  await exec(process.execPath, [VITEPRESS, 'build', site, '--outDir', dist], { cwd: site });
  return { dist, secretPath };
}

describe('md/policy in a real VitePress 1.6 build, opened in Chromium', () => {
  let built: { dist: string; secretPath: string };
  let server: LocalServer;
  let browser: Browser;

  beforeAll(async () => {
    built = await hostileSite();
    server = await serveStatic(built.dist);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs no expression at build time and reads no file from outside', async () => {
    const html = await readFile(join(built.dist, 'en.html'), 'utf8');
    expect(html).not.toContain(RAN);
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain(process.version);
  });

  it('runs nothing in the browser and shows every piece of syntax as text', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.origin}/en.html`);
    // What a reader sees once Vue has taken over the page.
    const article = page.locator('.vp-doc');
    await article.getByText('::: danger PWNED').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees, as laid out
    const text = await article.innerText();
    expect(text).toContain('Plain: {{ 7*191 }} and code {{ 7*191 }}');
    expect(text).toContain("{{ $emit.constructor('return process.version')() }}");
    expect(text).toContain(`<!--@include: ${built.secretPath}-->`);
    expect(text).toContain('{onclick="globalThis.pwned = 1" id=pwned-heading}');
    expect(text).toContain('<script setup>globalThis.pwned = 3</script>');
    expect(text).not.toContain(RAN);
    expect(text).not.toContain(SECRET);
    expect(await page.title()).toContain('Cookie policy {{ 7*191 }}');
    expect(await page.locator('h1').first().textContent()).toBe('Cookie policy {{ 7*191 }}');
    await article.getByText('A heading').click();
    expect(await page.evaluate(() => (globalThis as { pwned?: unknown }).pwned)).toBeUndefined();
    expect(await page.locator('[onclick], [onerror], #pwned-heading, .danger').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 30_000);
});
