import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CONSENT_CATEGORIES,
  CONSENT_COOKIE,
  CONSENT_VERSION,
  type ConsentService,
  SERVICE_CATEGORIES,
  SHARED_DOMAIN,
} from '@billogram/cookies-consent';
import { loadCatalog } from '@cookie-catalog/catalog';
import {
  type Browser,
  launchChromium,
  type TestCertificate,
  testCertificate,
} from '@cookie-catalog/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoServer, loadClientScript, serviceOfHost } from '../src/demo-server.js';

/*
 * Issue #31, item 5: the demo serves the catalog's two services, the invoicing platform and the
 * help centre, under the catalog's own domain (consent.sharedAcross) on 127.0.0.1: the browser
 * resolves app.<domain> and help.<domain> to loopback and trusts a test certificate for them
 * (billogram.com is preloaded HSTS in Chromium, so these names are HTTPS only). Ports do not
 * separate cookies; host names do. A third name outside the domain, app.localhost, is the
 * platform where the answer is not shared.
 */

const { catalog } = await loadCatalog(new URL('../../../catalog/', import.meta.url).pathname);
if (!catalog) throw new Error('catalog/ does not validate');
const parent = catalog.consent?.sharedAcross;
const name = (id: string) => catalog.services.find((s) => s.id === id)?.name.en ?? id;
const HOSTS = {
  platform: `app.${parent}`,
  help: `help.${parent}`,
  outside: 'app.localhost',
} as const;

describe.runIf(parent !== undefined)('two services of one catalog in Chromium', () => {
  let server: ReturnType<typeof createDemoServer>;
  let certificate: TestCertificate;
  let port: number;
  let browser: Browser | undefined;
  const at = (host: string, path: string) => `https://${host}:${port}${path}`;

  beforeAll(async () => {
    certificate = await testCertificate(Object.values(HOSTS));
    server = createDemoServer({
      clientScript: await loadClientScript(),
      records: null,
      tls: certificate,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function visit(host: string, path: string) {
    browser ??= await launchChromium({
      hosts: { names: Object.values(HOSTS), certificate },
    });
    const page = await browser.context.newPage();
    await page.goto(at(host, path));
    return page;
  }
  const banner = '.cookie-consent:not(.cookie-consent-confirmation)';

  it('the generated package shares the answer across the catalog’s domain, and both services ask', () => {
    expect(SHARED_DOMAIN).toBe(parent);
    expect(serviceOfHost(HOSTS.platform)).toBe('platform');
    expect(serviceOfHost(HOSTS.help)).toBe('help-centre');
    for (const service of ['platform', 'help-centre'] as const satisfies ConsentService[])
      expect(SERVICE_CATEGORIES[service].length).toBeGreaterThan(0);
  });

  it('answered once on the platform, not asked again in the help centre, whose widget runs', async () => {
    const platform = await visit(HOSTS.platform, '/invoice/10042');
    const question = platform.locator(banner);
    await question.waitFor();
    // The banner says which services the answer applies to, by their names in the catalog.
    const words = await question.textContent();
    for (const id of catalog.consent?.sharedBy ?? []) expect(words).toContain(name(id));
    await platform.click('.cookie-consent button[value="accept"]');
    await platform.locator('.cookie-consent-confirmation').waitFor();

    const help = await visit(HOSTS.help, '/hc/en/');
    await help.locator('#help-centre').waitFor();
    expect(await help.locator(banner).count()).toBe(0);
    // One consent cookie, of the parent domain, that both hosts receive.
    const stored = (await browser?.context.cookies())?.filter((c) => c.name === CONSENT_COOKIE);
    expect(stored?.map((c) => c.domain)).toEqual([`.${parent}`]);
  });

  it('answered in the help centre, the platform shows that answer and does not ask', async () => {
    const help = await visit(HOSTS.help, '/hc/sv/');
    await help.click('.cookie-consent button[value="reject"]');
    await help.locator('.cookie-consent-confirmation').waitFor();
    const platform = await visit(HOSTS.platform, '/invoice/10042');
    await platform.locator('html[data-help-center="not-loaded"]').waitFor({ state: 'attached' });
    expect(await platform.locator(banner).count()).toBe(0);
    await platform.goto(at(HOSTS.platform, '/cookies'));
    for (const category of SERVICE_CATEGORIES.platform)
      expect(await platform.isChecked(`input[name="consent-${category}"][value="no"]`)).toBe(true);
  });

  it('a host-only answer from before sharing beside the shared one: the page script follows the newer, and answering deletes the old', async () => {
    const answer = (given: number, granted: boolean) =>
      encodeURIComponent(
        JSON.stringify({
          version: CONSENT_VERSION,
          given,
          id: '0123456789abcdef0123456789abcdef',
          // Written before the catalog declared services: no `answered`, every category asked.
          ...Object.fromEntries(CONSENT_CATEGORIES.map((c) => [c, granted])),
        }),
      );
    const now = Math.floor(Date.now() / 1000);
    browser = await launchChromium({ hosts: { names: Object.values(HOSTS), certificate } });
    await browser.context.addCookies([
      { name: CONSENT_COOKIE, value: answer(now - 3600, false), url: at(HOSTS.platform, '/') },
      {
        name: CONSENT_COOKIE,
        value: answer(now - 60, true),
        domain: `.${parent}`,
        path: '/',
        secure: true,
        sameSite: 'Lax',
      },
    ]);
    const platform = await visit(HOSTS.platform, '/invoice/10042');
    // Not asked (the old answer counts), and the newer, shared one grants the widget.
    await platform.locator('#help-centre').waitFor();
    expect(await platform.locator(banner).count()).toBe(0);
    await platform.goto(at(HOSTS.platform, '/cookies'));
    await platform.click('.cookie-consent-preferences button[type="submit"]');
    await platform.locator('.cookie-consent-confirmation').waitFor();
    const left = (await browser.context.cookies()).filter((c) => c.name === CONSENT_COOKIE);
    expect(left.map((c) => c.domain)).toEqual([`.${parent}`]);
  });

  it('on a name with a final dot (another host to a browser, which refuses the parent’s Domain there) the answer is kept on it, not lost', async () => {
    const dotted = `${HOSTS.help}.`;
    browser = await launchChromium({
      hosts: { names: [...Object.values(HOSTS), dotted], certificate },
    });
    const help = await visit(dotted, '/hc/en/');
    await help.click('.cookie-consent button[value="accept"]');
    await help.locator('.cookie-consent-confirmation').waitFor();
    const again = await visit(dotted, '/hc/en/');
    await again.locator('#help-centre').waitFor();
    expect(await again.locator(banner).count()).toBe(0);
    const stored = (await browser.context.cookies()).filter((c) => c.name === CONSENT_COOKIE);
    expect(stored.map((c) => c.domain)).toEqual([dotted]);
  });

  it('on a host outside the domain the answer is not shared: asked there, and its answer stays there', async () => {
    const help = await visit(HOSTS.help, '/hc/en/');
    await help.click('.cookie-consent button[value="reject"]');
    await help.locator('.cookie-consent-confirmation').waitFor();
    const outside = await visit(HOSTS.outside, '/invoice/10042');
    await outside.locator(banner).waitFor();
    await outside.click('.cookie-consent button[value="accept"]');
    await outside.locator('#help-centre').waitFor();
    // Kept on that host only (a browser refuses the parent's Domain there) …
    const there = (await browser?.context.cookies(at(HOSTS.outside, '/')))?.filter(
      (c) => c.name === CONSENT_COOKIE,
    );
    expect(there?.map((c) => c.domain)).toEqual([HOSTS.outside]);
    // … so the help centre keeps the answer given there.
    const again = await visit(HOSTS.help, '/hc/en/');
    await again.locator('html[data-help-center="not-loaded"]').waitFor({ state: 'attached' });
    expect(await again.locator(banner).count()).toBe(0);
  });
});

describe('the help centre’s consent form', () => {
  it('is refused without the Origin of its own host (no CSRF cookie of ours there)', async () => {
    const server = createDemoServer({ clientScript: '', records: null });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const post = (origin: string | undefined, form = 'cookies=accept', path = '/cookies?lang=en') =>
      new Promise<{ status: number; setCookie: string[]; text: string }>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path,
            headers: {
              host: `help.localhost:${port}`,
              'content-type': 'application/x-www-form-urlencoded',
              ...(origin && { origin }),
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                setCookie: response.headers['set-cookie'] ?? [],
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        // The server may answer before it has read an oversized body.
        request.on('error', (error: NodeJS.ErrnoException) =>
          error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
        );
        request.end(form);
      });
    const refused = { status: 403, setCookie: [] };
    try {
      for (const origin of [
        undefined,
        'null',
        '',
        'https://evil.example',
        `http://app.localhost:${port}`,
        `http://help.localhost:${port + 1}`,
        'http://help.localhost',
        // The same host under another scheme is another origin (an http page may be anyone's).
        `https://help.localhost:${port}`,
        `http://help.localhost.evil:${port}`,
        `http://evil.example/http://help.localhost:${port}`,
      ])
        expect(await post(origin), origin).toMatchObject(refused);
      const origin = `http://help.localhost:${port}`;
      const ok = await post(origin);
      expect(ok.status).toBe(200);
      expect(ok.setCookie.some((line) => line.startsWith(`${CONSENT_COOKIE}=`))).toBe(true);
      // An oversized form: refused with a status and words that say so, nothing stored.
      const large = await post(origin, `cookies=accept&x=${'a'.repeat(20_000)}`);
      expect(large).toMatchObject({ status: 413, setCookie: [] });
      expect(large.text).toMatch(/too large/i);
      expect(large.text).not.toMatch(/Error:|\n\s+at /);
      // An action the form does not offer grants nothing.
      const unknown = await post(origin, 'cookies=grant-all&consent-help-center=maybe');
      const stored = unknown.setCookie.find((line) => line.startsWith(`${CONSENT_COOKIE}=`));
      const value = JSON.parse(decodeURIComponent(stored?.split(';')[0]?.split('=')[1] ?? '{}'));
      for (const category of SERVICE_CATEGORIES['help-centre']) expect(value[category]).toBe(false);
      // `lang` reaches the form's action and links only as one of the page's languages.
      const lang = await post(
        origin,
        'cookies=save',
        '/cookies?lang=%22%3E%3Cscript%3Ex()%3C/script%3E',
      );
      expect(lang.status).toBe(200);
      expect(lang.text).not.toContain('<script>x()');
      expect(lang.text).toContain('action="/cookies?lang=en"');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
