// npm run bench -w @cookie-catalog/audit
// `auditSite` of a 20-page site (each page linking to the next two, with a cookie, a storage key
// and an image), both passes, in Debian's Chromium: the time a user waits, start to finish.
// Target (issue): under 60 s here.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';
import { auditSite } from '../dist/index.js';

const PAGES = 20;
const { catalog } = await loadCatalog(
  fileURLToPath(new URL('../../catalog/test/fixtures/invoicing/', import.meta.url)),
);
const server = createServer((request, response) => {
  const n = Number(/^\/page\/(\d+)$/.exec(request.url ?? '')?.[1] ?? 0);
  response.setHeader('Set-Cookie', `csrftoken=t${n}; Max-Age=3600; Path=/; Secure; SameSite=Lax`);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  const links = [n + 1, n + 2].filter((m) => m < PAGES).map((m) => `<a href="/page/${m}">${m}</a>`);
  response.end(
    `<!doctype html><html lang="en"><title>Page ${n}</title><h1>Page ${n}</h1>${links.join(' ')}<script>localStorage.setItem('seen', '${n}')</script>`,
  );
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/page/0`;
const start = performance.now();
const audit = await auditSite(catalog, { url, pages: PAGES });
const elapsed = performance.now() - start;
server.close();
console.table([
  {
    task: `audit ${audit.passes.map((p) => p.pages.length).join(' + ')} pages (before + after consent)`,
    'time (ms)': Math.round(elapsed),
    target: '< 60000 ms',
    met: elapsed < 60_000 ? 'YES' : 'NO',
  },
]);
