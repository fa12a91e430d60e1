import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog, TABLE_SECTION } from '@cookie-catalog/catalog';
import { type Browser, launchChromium } from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevSite, startDevSite } from '../scripts/dev-site.mjs';

/**
 * `npm run dev` of the docs site, on a scratch copy of the catalog: legal saves a section and the
 * open page shows it without a reload by hand; a save that breaks the catalog keeps the last good
 * page and says why in the terminal. Nothing in the repository is written.
 *
 * In `npm run test:e2e`, not `npm test`: it runs a second docs server and waits on file watching,
 * which timed out twice while `npm test` ran every other file beside it on a loaded machine.
 */
const { catalog } = await loadCatalog(fileURLToPath(new URL('../../../catalog/', import.meta.url)));
if (!catalog) throw new Error('catalog/ does not validate');
const section = catalog.sections.find((s) => s.id !== TABLE_SECTION);

let dev: DevSite | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  dev = await startDevSite(fileURLToPath(new URL('../../../catalog/', import.meta.url)));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
});

describe.runIf(section)('the docs site while legal edits the catalog (npm run dev)', () => {
  it('shows a saved section edit on the open page, and keeps the last good page while the catalog is broken', async () => {
    const id = (section as NonNullable<typeof section>).id;
    const site = dev as DevSite;
    const file = join(site.catalog, 'sections', catalog.defaultLocale, `${id}.md`);
    const page = await (browser as Browser).context.newPage();
    await page.goto(`${site.origin}/`);
    const first = `Edited in the dev loop ${Date.now()}.`;
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await appendFile(file, `\n${first}\n`);
    const saved = performance.now();
    await page.getByText(first).waitFor({ timeout: 30_000 });
    const shownAfter = Math.round(performance.now() - saved);
    // The latency is reported here, and held to its target (2 s) by the bench, not by this test.
    console.log(`dev loop: the edit showed ${shownAfter} ms after the save`);

    // Save after save: each shows (generate rewrites the generated module in place, so Vite
    // keeps watching it; deleting it first once lost every later edit).
    for (let i = 0; i < 3; i++) {
      const next = `Saved again, ${i}, ${Date.now()}.`;
      await appendFile(file, `\n${next}\n`);
      await page.getByText(next).waitFor({ timeout: 30_000 });
    }

    // A broken catalog: problems in the terminal, the page as it was.
    const policy = join(site.catalog, 'policy.yaml');
    const good = await readFile(policy, 'utf8');
    await writeFile(policy, `${good}\nnot valid: [\n`);
    for (let i = 0; i < 300 && !/nothing was written/.test(site.output()); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(site.output()).toMatch(/policy\.yaml:\d+:\d+ [\s\S]*nothing was written/);
    expect(await page.getByText(first).isVisible()).toBe(true);

    // Fixed again: the next edit shows.
    await writeFile(policy, good);
    const second = `Edited again ${Date.now()}.`;
    await appendFile(file, `\n${second}\n`);
    await page.getByText(second).waitFor({ timeout: 30_000 });
  }, 90_000);
});
