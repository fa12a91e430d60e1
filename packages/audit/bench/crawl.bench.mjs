// npm run bench -w @cookie-catalog/audit (after audit-20-pages.bench.js), or alone:
//   node bench/crawl.bench.mjs [--pages 24] [--late-storage-ms 6000] [--concurrency 1,2,4]
// Pages per minute of one pass (before consent) over a local site at each --concurrency: the
// crawl as a large site sees it (each page linking to three others, a cookie from the server, a
// storage key, an image, a cookie a script writes 3 s after load). Each page stays open
// --late-storage-ms after its load event (default LIMITS.lateStorageMs, what a user gets), so the
// gain from concurrency is mostly that wait overlapping; --late-storage-ms 0 shows the browser's
// own cost. Every run must visit every page and see every late cookie the wait allows.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCatalog } from '@cookie-catalog/catalog';
import { auditSite, LIMITS } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '24' },
    'late-storage-ms': { type: 'string', default: String(LIMITS.lateStorageMs) },
    concurrency: { type: 'string', default: '1,2,4' },
  },
});
const PAGES = Number(values.pages);
const LATE_MS = Number(values['late-storage-ms']);
const LEVELS = values.concurrency.split(',').map(Number);
const { catalog } = await loadCatalog(
  fileURLToPath(new URL('../../catalog/test/fixtures/invoicing/', import.meta.url)),
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const server = createServer((request, response) => {
  if (request.url === '/logo.gif') {
    response.setHeader('Content-Type', 'image/gif');
    response.end(GIF);
    return;
  }
  const n = Number(/^\/page\/(\d+)$/.exec(request.url ?? '')?.[1] ?? 0);
  response.setHeader('Set-Cookie', `csrftoken=t${n}; Max-Age=3600; Path=/; Secure; SameSite=Lax`);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  const links = [(n + 1) % PAGES, (n * 7 + 3) % PAGES, (n * 13 + 5) % PAGES]
    .map((m) => `<a href="/page/${m}">${m}</a>`)
    .join(' ');
  response.end(
    `<!doctype html><html lang="en"><title>Page ${n}</title><h1>Page ${n}</h1>${links}<img src="/logo.gif" width="40" height="40" alt=""><script>localStorage.setItem('seen_${n}', '1'); addEventListener('load', () => setTimeout(() => { document.cookie = 'late_${n}=1; path=/' }, 3000))</script>`,
  );
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/page/0`;
const rows = [];
for (const concurrency of LEVELS) {
  const start = performance.now();
  const audit = await auditSite(catalog, {
    url,
    pages: PAGES,
    consent: 'none',
    concurrency,
    lateStorageMs: LATE_MS,
  });
  const elapsed = performance.now() - start;
  const [pass] = audit.passes;
  const late = pass.cookies.filter((c) => c.name.startsWith('late_')).length;
  rows.push({
    concurrency,
    pages: pass.pages.length,
    'time (s)': (elapsed / 1000).toFixed(1),
    'pages per minute': ((pass.pages.length / elapsed) * 60_000).toFixed(1),
    'late cookies seen': `${late} of ${PAGES}`,
    'late storage (ms)': LATE_MS,
  });
}
server.close();
console.table(rows);
const pagesMissed = rows.some((r) => r.pages !== PAGES);
const lateMissed =
  LATE_MS >= 4_000 && rows.some((r) => r['late cookies seen'] !== `${PAGES} of ${PAGES}`);
console.log(
  pagesMissed || lateMissed
    ? 'NO: a run missed a page or a late cookie'
    : `every run visited all ${PAGES} pages${LATE_MS >= 4_000 ? ' and saw every late cookie' : ''} (a shared 2-core machine: compare runs of one sitting, not across days)`,
);
