import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Catalog, type CatalogEntry, loadCatalog } from '@cookie-catalog/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CATALOG } from '../../catalog/test/catalog-copy.js';
import { type AuditResult, auditSite, LIMITS, StartPageError } from '../src/index.js';

/*
 * Sites that do not want to be audited, or that are simply broken, in Chromium: each served on
 * 127.0.0.1, with other sites on `localhost` and `*.localhost` names (Chromium sends both to the
 * loopback address, and treats each as a site of its own).
 */

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const servers: Server[] = [];
async function serve(handler: RequestListener): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on (one that was just closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const html =
  (body: string): RequestListener =>
  (_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><title>Page</title><body>${body}</body></html>`);
  };

let catalog: Catalog;
beforeAll(async () => {
  const loaded = await loadCatalog(FIXTURE_CATALOG);
  if (!loaded.catalog) throw new Error('the fixture catalog does not load');
  catalog = loaded.catalog;
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const undeclaredCookies = (audit: AuditResult) =>
  audit.problems.filter((p) => p.rule === 'audit/undeclared-cookie').map((p) => p.message);

describe('a start page that cannot be audited', () => {
  it('is an error of its own: a refused connection, a host that does not resolve, an error status', async () => {
    const refused = `http://127.0.0.1:${await closedPort()}/`;
    const error = await auditSite(catalog, { url: refused, consent: 'none' }).catch((e) => e);
    expect(error).toBeInstanceOf(StartPageError);
    expect(error.message).toBe(
      `the start page ${refused} could not be loaded: net::ERR_CONNECTION_REFUSED`,
    );
    // .invalid never resolves (RFC 6761 §6.4).
    const nowhere = await auditSite(catalog, {
      url: 'http://no-such-host.invalid/',
      consent: 'none',
    }).catch((e) => e);
    expect(nowhere).toBeInstanceOf(StartPageError);
    expect(nowhere.message).toMatch(/could not be loaded: net::ERR_NAME_NOT_RESOLVED$/);
    const port = await serve((_request, response) => {
      // Without a body: Chromium fails the navigation itself, and the status is still said.
      response.statusCode = 404;
      response.end();
    });
    const missing = await auditSite(catalog, {
      url: `http://127.0.0.1:${port}/`,
      consent: 'none',
    }).catch((e) => e);
    expect(missing).toBeInstanceOf(StartPageError);
    expect(missing.message).toMatch(/could not be loaded: it answered HTTP 404 Not Found$/);
  });

  it('another page that fails is a warning, and the audit goes on', async () => {
    const gone = `http://127.0.0.1:${await closedPort()}/gone`;
    const port = await serve((request, response) => {
      if (request.url === '/broken') {
        response.statusCode = 500;
        response.end('broken');
        return;
      }
      html(`<a href="/broken">broken</a> <a href="${gone}">gone</a>`)(request, response);
    });
    const start = `http://127.0.0.1:${port}/`;
    const audit = await auditSite(catalog, { url: start, consent: 'none' });
    // In address order, whichever answered first.
    expect(audit.passes[0]?.pages).toEqual([start, `${start}broken`, gone].sort());
    expect(audit.warnings).toEqual(
      expect.arrayContaining([
        {
          pass: 'before consent',
          page: `${start}broken`,
          message: 'it answered HTTP 500 Internal Server Error',
        },
        {
          pass: 'before consent',
          page: gone,
          message: 'could not be loaded: net::ERR_CONNECTION_REFUSED',
        },
      ]),
    );
  });
});

describe('the worst-case visitor: third-party cookies and storage allowed', () => {
  it('sees the cookies of a third-party frame and pixel before consent', async () => {
    const other = await serve((request, response) => {
      if (request.url?.startsWith('/pixel.gif')) {
        response.setHeader(
          'Set-Cookie',
          'tp_pixel_id=1; Max-Age=31536000; Path=/; SameSite=None; Secure',
        );
        response.setHeader('Content-Type', 'image/gif');
        response.end(GIF);
        return;
      }
      response.setHeader('Set-Cookie', 'tp_frame_session=1; Path=/; SameSite=None; Secure');
      html(`<script>localStorage.setItem('tp_frame_key', '1')</script>`)(request, response);
    });
    const port = await serve(
      html(
        `<iframe src="http://localhost:${other}/frame"></iframe><img src="http://localhost:${other}/pixel.gif" width="1" height="1" alt="">`,
      ),
    );
    const audit = await auditSite(catalog, { url: `http://127.0.0.1:${port}/` });
    const before = audit.passes[0];
    expect(before?.name).toBe('before consent');
    const thirdParty = before?.cookies.filter((c) => c.domain === 'localhost').map((c) => c.name);
    expect(thirdParty?.sort()).toEqual(['tp_frame_session', 'tp_pixel_id']);
    expect(undeclaredCookies(audit).join('\n')).toMatch(/tp_frame_session \(localhost\/\)/);
    expect(undeclaredCookies(audit).join('\n')).toMatch(/tp_pixel_id \(localhost\/\)/);
    expect(before?.storage).toContainEqual(
      expect.objectContaining({
        kind: 'localStorage',
        origin: `http://localhost:${other}`,
        key: 'tp_frame_key',
      }),
    );
  });
});

describe('a site that resists the audit', () => {
  let audit: AuditResult;
  let start: string;
  let tracker: number;
  let trackerHits = 0;

  beforeAll(async () => {
    tracker = await serve((_request, response) => {
      trackerHits++;
      response.setHeader('Content-Type', 'image/gif');
      response.end(GIF);
    });
    const flood = LIMITS.requestsPerPage + 100;
    const port = await serve((request, response) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const pages: Record<string, string> = {
        '/': ['busy', 'popups', 'flood', 'late', 'offline', 'forge']
          .map((p) => `<a href="/${p}">${p}</a>`)
          .join(' '),
        // Busy for ever once loaded: no look into the page is ever answered.
        '/busy': `<script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 100))</script>`,
        // Each window opens three more.
        '/popups': `<script>for (let i = 0; i < 3; i++) open('/popups', '_blank')</script>`,
        '/flood': `<script>for (let i = 0; i < ${flood}; i++) new Image().src = 'http://localhost:${tracker}/hit?' + i</script>`,
        '/late': `<script>addEventListener('load', () => setTimeout(() => { document.cookie = 'late_cookie=1; path=/' }, 4000))</script>`,
        '/offline': `<script>navigator.serviceWorker.register('/sw.js')</script>`,
        // Forges who set a cookie (the old binding's name, and Playwright's), then tries to put
        // the browser's own cookie setter back before writing.
        '/forge': `<script>
  try { window.__cookieCatalogAudit('forged_cookie', 'at https://innocent.example/lib.js:1:1') } catch {}
  try {
    const controller = window.__playwright__binding__controller__;
    for (const name of controller._bindings.keys()) controller.callBinding(name, 'forged_cookie', 'at https://innocent.example/lib.js:1:1');
  } catch {}
  try {
    const frame = document.createElement('iframe');
    document.body.appendChild(frame);
    const pristine = Object.getOwnPropertyDescriptor(frame.contentWindow.Document.prototype, 'cookie');
    Object.defineProperty(Document.prototype, 'cookie', pristine);
  } catch {}
  document.cookie = 'forged_cookie=1; path=/';
</script>`,
      };
      if (path === '/sw.js') {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(
          // Where no page script runs: a cookie only the jar shows.
          `self.addEventListener('install', (event) => event.waitUntil(Promise.all([caches.open('offline-v1').then((cache) => cache.put('/offline-copy', new Response('saved'))), cookieStore.set('worker_cookie', '1')])));`,
        );
        return;
      }
      const body = pages[path];
      if (body === undefined) {
        response.statusCode = 404;
        response.end();
        return;
      }
      html(body)(request, response);
    });
    start = `http://127.0.0.1:${port}/`;
    audit = await auditSite(catalog, { url: start, consent: 'none' });
  }, 120_000);

  it('visits every page: a busy script is bounded, and said', () => {
    expect(audit.passes[0]?.pages.map((p) => new URL(p).pathname).sort()).toEqual(
      ['/', '/busy', '/flood', '/forge', '/late', '/offline', '/popups'].sort(),
    );
    expect(audit.warnings).toContainEqual(
      expect.objectContaining({
        page: `${start}busy`,
        message: expect.stringMatching(/scripts did not answer within \d+ s/),
      }),
    );
  });

  it('closes and counts the popups', () => {
    const pass = audit.passes[0];
    expect(pass?.popups).toBeGreaterThanOrEqual(3);
    expect(audit.warnings).toContainEqual(
      expect.objectContaining({
        page: `${start}popups`,
        message: expect.stringMatching(/^it opened \d+ windows, each closed at once$/),
      }),
    );
  });

  it('caps the requests it records per page, with a note', () => {
    const recorded = audit.passes[0]?.requests.filter((r) => r.page === `${start}flood`) ?? [];
    expect(trackerHits).toBeGreaterThan(LIMITS.requestsPerPage);
    expect(recorded.length).toBe(LIMITS.requestsPerPage);
    expect(audit.warnings).toContainEqual(
      expect.objectContaining({
        page: `${start}flood`,
        message: expect.stringMatching(
          new RegExp(`requests to other sites; the first ${LIMITS.requestsPerPage} are recorded$`),
        ),
      }),
    );
  });

  it('waits for storage written seconds after load, and reads Cache Storage', () => {
    const late = audit.passes[0]?.cookies.find((c) => c.name === 'late_cookie');
    expect(late?.page).toBe(`${start}late`);
    // An origin's storage is shared by its pages: the first that looked after the service worker
    // had written it is the page named.
    expect(audit.passes[0]?.storage).toContainEqual(
      expect.objectContaining({
        kind: 'cacheStorage',
        origin: start.slice(0, -1),
        key: 'offline-v1',
      }),
    );
    expect(audit.problems.map((p) => p.message)).toContain(
      `the cacheStorage key "offline-v1" of ${start.slice(0, -1)} is stored, but the catalog does not declare it`,
    );
  });

  it('says who really set a cookie, whatever the page forges or hides', () => {
    const forged = audit.passes[0]?.cookies.find((c) => c.name === 'forged_cookie');
    expect(forged?.setBy).toMatch(new RegExp(`^script on ${start}forge: `));
    expect(forged?.setBy).not.toContain('innocent.example');
    // Written by the service worker, where the audit does not watch: the jar still shows it.
    expect(audit.problems.map((p) => p.message)).toContain(
      'the cookie worker_cookie (127.0.0.1/) is stored (found in the cookie jar; who set it was not seen), but the catalog does not declare it',
    );
  });
});

describe('third-party storage', () => {
  it('belongs to a provider only on a dot boundary of its domain', async () => {
    // A third party's storage entry of the fixture, moved to a provider domain a test can serve.
    const model = catalog.entries.find(
      (e) => e.party === 'third' && e.kind === 'cookie' && e.name.parameters.length === 0,
    ) as CatalogEntry;
    const key = model.name.pattern;
    const widget: CatalogEntry = {
      ...model,
      id: `${model.id}_storage`,
      kind: 'localStorage',
      provider: { ...model.provider, domain: 'widget.localhost' },
    };
    const edited: Catalog = { ...catalog, entries: [...catalog.entries, widget] };
    const frame = await serve(
      html(`<script>localStorage.setItem(${JSON.stringify(key)}, '1')</script>`),
    );
    const port = await serve(
      html(
        `<iframe src="http://cdn.widget.localhost:${frame}/"></iframe><iframe src="http://evilwidget.localhost:${frame}/"></iframe>`,
      ),
    );
    const audit = await auditSite(edited, { url: `http://127.0.0.1:${port}/`, consent: 'none' });
    const origins = audit.passes[0]?.storage.filter((s) => s.key === key).map((s) => s.origin);
    expect(origins?.sort()).toEqual(
      [`http://cdn.widget.localhost:${frame}`, `http://evilwidget.localhost:${frame}`].sort(),
    );
    const undeclared = audit.problems
      .filter((p) => p.rule === 'audit/undeclared-storage')
      .map((p) => p.message);
    expect(undeclared).toEqual([
      `the localStorage key "${key}" of http://evilwidget.localhost:${frame} is stored, but the catalog does not declare it`,
    ]);
  });
});

describe('what already held, under the new bounds', () => {
  it('downloads, unsafe and off-site redirects and a page that never goes quiet: noted, not followed', async () => {
    const other = await serve(html('<a href="/deeper">deeper</a>'));
    const port = await serve((request, response) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const redirect = (to: string) => {
        response.statusCode = 302;
        response.setHeader('Location', to);
        response.end();
      };
      if (path === '/report.pdf') {
        response.setHeader('Content-Type', 'application/octet-stream');
        response.setHeader('Content-Disposition', 'attachment; filename="report.pdf"');
        response.end('%PDF-1.4');
      } else if (path === '/to-file') redirect('file:///etc/passwd');
      else if (path === '/to-data')
        redirect('data:text/html,<script>document.cookie="d=1"</script>');
      else if (path === '/away') redirect(`http://localhost:${other}/`);
      else if (path === '/poll') {
        // Asks again every 200 ms, for ever: the network is never idle.
        html(`<script>setInterval(() => fetch('/ping?' + Date.now()), 200)</script>`)(
          request,
          response,
        );
      } else if (path === '/ping') response.end('pong');
      else
        html(
          ['report.pdf', 'to-file', 'to-data', 'away', 'poll']
            .map((p) => `<a href="/${p}">${p}</a>`)
            .join(' '),
        )(request, response);
    });
    const start = `http://127.0.0.1:${port}/`;
    const audit = await auditSite(catalog, { url: start, consent: 'none' });
    const pass = audit.passes[0];
    // In address order, whichever answered first.
    expect(pass?.pages.map((p) => new URL(p).pathname)).toEqual(
      ['/', '/report.pdf', '/to-file', '/to-data', '/away', '/poll'].sort(),
    );
    const said = (page: string) =>
      audit.warnings.filter((w) => w.page === `${start}${page}`).map((w) => w.message);
    expect(said('report.pdf')).toEqual(['could not be loaded: it is a download, not a page']);
    expect(said('to-file')).toEqual([expect.stringMatching(/^could not be loaded: net::ERR_/)]);
    expect(said('to-data')).toEqual([expect.stringMatching(/^could not be loaded: net::ERR_/)]);
    expect(pass?.cookies.map((c) => c.name)).not.toContain('d');
    // The other site is recorded as a host the pages load from; its links are not the site's.
    expect(pass?.requests).toContainEqual(
      expect.objectContaining({ host: `localhost:${other}`, page: `${start}away` }),
    );
    expect(pass?.pages).not.toContain(`http://localhost:${other}/deeper`);
  });
});
