// npm run bench -w @cookie-catalog/docs-site
// Legal's edit-and-look loop: `npm run dev` on a scratch copy of the catalog, the policy open in
// Chromium, then five saves of a section; each time from the save until the page shows the new
// text. Target (issue #17): within 2 s.
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '@cookie-catalog/audit';
import { loadCatalog } from '@cookie-catalog/catalog';
import { chromium } from 'playwright-core';

const SITE = fileURLToPath(new URL('../', import.meta.url));
const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));
const { catalog } = await loadCatalog(CATALOG);
const section = catalog.sections.find((s) => s.id !== 'table');
const scratch = await mkdtemp(join(tmpdir(), 'cookie-catalog-dev-bench-'));
await cp(CATALOG, join(scratch, 'catalog'), { recursive: true });
const file = join(scratch, 'catalog', 'sections', catalog.defaultLocale, `${section.id}.md`);

const dev = spawn(process.execPath, ['scripts/dev.mjs', '--host', '127.0.0.1', '--port', '0'], {
  cwd: SITE,
  detached: true,
  env: {
    ...process.env,
    COOKIE_CATALOG: join(scratch, 'catalog'),
    COOKIE_CATALOG_ROOT: scratch,
    COOKIE_POLICY_PAGES: join(scratch, 'pages'),
    NO_COLOR: '1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
dev.stdout.on('data', (chunk) => {
  output += chunk;
});
const address = () => /Local:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
while (!address()) await new Promise((resolve) => setTimeout(resolve, 100));
const origin = address();

const context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'chromium-')), {
  executablePath: CHROMIUM,
  headless: true,
  args: [...CHROMIUM_ARGS],
});
const times = [];
try {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
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
  process.kill(-dev.pid, 'SIGTERM');
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
