import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';
import { type Browser, launchChromium } from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run dev` of the docs site, on a scratch copy of the catalog: legal saves a section and the
 * open page shows it without a reload by hand; a save that breaks the catalog keeps the last good
 * page and says why in the terminal. Nothing in the repository is written.
 */
const SITE = fileURLToPath(new URL('../', import.meta.url));
const { catalog } = await loadCatalog(fileURLToPath(new URL('../../../catalog/', import.meta.url)));
if (!catalog) throw new Error('catalog/ does not validate');
const section = catalog.sections.find((s) => s.id !== 'table');

let scratch = '';
let dev: ChildProcess | undefined;
let output = '';
let origin = '';
let browser: Browser | undefined;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cookie-catalog-dev-'));
  await cp(fileURLToPath(new URL('../../../catalog/', import.meta.url)), join(scratch, 'catalog'), {
    recursive: true,
  });
  dev = spawn(process.execPath, ['scripts/dev.mjs', '--host', '127.0.0.1', '--port', '0'], {
    cwd: SITE,
    detached: true,
    env: {
      ...process.env,
      COOKIE_CATALOG: join(scratch, 'catalog'),
      COOKIE_CATALOG_ROOT: scratch,
      COOKIE_POLICY_PAGES: join(scratch, 'pages'),
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  dev.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  // The address VitePress prints once it serves.
  for (;;) {
    const found = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
    if (found?.[1]) {
      origin = found[1];
      break;
    }
    if (dev.exitCode !== null) throw new Error(`npm run dev stopped:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dev?.pid && dev.exitCode === null) {
    process.kill(-dev.pid, 'SIGTERM'); // the script and what it started
    await once(dev, 'exit');
  }
});

describe.runIf(section)('the docs site while legal edits the catalog (npm run dev)', () => {
  it('shows a saved section edit on the open page, and keeps the last good page while the catalog is broken', async () => {
    const id = (section as NonNullable<typeof section>).id;
    const file = join(scratch, 'catalog', 'sections', catalog.defaultLocale, `${id}.md`);
    const page = await (browser as Browser).context.newPage();
    await page.goto(`${origin}/`);
    const first = `Edited in the dev loop ${Date.now()}.`;
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await appendFile(file, `\n${first}\n`);
    const saved = performance.now();
    await page.getByText(first).waitFor({ timeout: 30_000 });
    const shownAfter = Math.round(performance.now() - saved);
    // The latency is reported here, and held to its target (2 s) by the bench, not by this test.
    console.log(`dev loop: the edit showed ${shownAfter} ms after the save`);

    // A broken catalog: problems in the terminal, the page as it was.
    const policy = join(scratch, 'catalog', 'policy.yaml');
    const good = await readFile(policy, 'utf8');
    await writeFile(policy, `${good}\nnot valid: [\n`);
    for (let i = 0; i < 300 && !/nothing was written/.test(output); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output).toMatch(/policy\.yaml:\d+:\d+ [\s\S]*nothing was written/);
    expect(await page.getByText(first).isVisible()).toBe(true);

    // Fixed again: the next edit shows.
    await writeFile(policy, good);
    const second = `Edited again ${Date.now()}.`;
    await appendFile(file, `\n${second}\n`);
    await page.getByText(second).waitFor({ timeout: 30_000 });
  }, 90_000);
});
