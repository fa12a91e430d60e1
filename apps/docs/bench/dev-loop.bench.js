// npm run bench -w @cookie-catalog/docs-site
// Legal's edit-and-look loop: `npm run dev` on a scratch copy of the catalog, the policy open in
// Chromium, then five saves of a section; each time from the save until the page shows the new
// text. Target (issue #17): within 2 s.
import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '@cookie-catalog/audit';
import { loadCatalog, TABLE_SECTION } from '@cookie-catalog/catalog';
import { chromium } from 'playwright-core';
import { startDevSite } from '../scripts/dev-site.mjs';

const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));
const { catalog } = await loadCatalog(CATALOG);
const section = catalog.sections.find((s) => s.id !== TABLE_SECTION);
const dev = await startDevSite(CATALOG);
const file = join(dev.catalog, 'sections', catalog.defaultLocale, `${section.id}.md`);

const context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'chromium-')), {
  executablePath: CHROMIUM,
  headless: true,
  args: [...CHROMIUM_ARGS],
});
const times = [];
try {
  const page = await context.newPage();
  await page.goto(`${dev.origin}/`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  for (let i = 0; i < 5; i++) {
    const text = `Edit ${i} at ${Date.now()}.`;
    const saved = performance.now();
    await appendFile(file, `\n${text}\n`);
    await page.getByText(text).waitFor({ timeout: 30_000 });
    times.push(performance.now() - saved);
  }
} finally {
  await context.close();
  await dev.stop();
}
const median = [...times].sort((a, b) => a - b)[2];
console.table([
  {
    task: 'a saved section shows in the open docs site (npm run dev)',
    'median (ms)': Math.round(median),
    'slowest (ms)': Math.round(Math.max(...times)),
    target: '≤ 2000 ms',
    met: median <= 2000 ? 'YES' : 'NO',
  },
]);
