import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACME_PACKAGES,
  editedValidCatalog,
  STATISTICS,
  THREE_SERVICES_SHARED,
} from '../../catalog/test/catalog-copy.js';
import { type BuiltPackages, buildPackages } from './built-packages.js';
import { COMPILE_TIMEOUT } from './compile-strict.js';

/*
 * Consent across services (issue #31, item 3), with the generated packages built as a product
 * team installs them, and tough-cookie as the browser's cookie jar between hosts. The fixture as
 * three services with consent.sharedAcross: billogram.com — the platform (app.billogram.com) and
 * the help centre (help.billogram.com) share one answer, the Swedish site (www.billogram.se) asks
 * on its own — and a second optional category, statistics, used by the platform and the Swedish
 * site, while the help centre's chat is in help-center.
 */

const exec = promisify(execFile);

const catalog = await editedValidCatalog([
  ...THREE_SERVICES_SHARED,
  ACME_PACKAGES,
  ...STATISTICS,
  // A second statistics cookie, on the platform only: withdrawing elsewhere cannot reach it.
  { file: 'cookies/stats_platform.yaml', copyOf: 'cookies/stats_visit.yaml', with: '' },
  { file: 'cookies/stats_platform.yaml', find: 'id: stats_visit', with: 'id: stats_platform' },
  { file: 'cookies/stats_platform.yaml', find: 'name: stats_visit', with: 'name: stats_platform' },
  {
    file: 'cookies/stats_platform.yaml',
    find: 'services: [platform, se]',
    with: 'services: [platform]',
  },
]);

const HOSTS = {
  platform: 'https://app.billogram.com/',
  help: 'https://help.billogram.com/',
  se: 'https://www.billogram.se/',
} as const;
type Service = keyof typeof HOSTS;

let built: BuiltPackages;

beforeAll(async () => {
  built = await buildPackages(catalog, ['server', 'docs', 'consent']);
}, COMPILE_TIMEOUT * 2);

afterAll(async () => {
  await built?.remove();
});

interface StepResult {
  readonly asks: readonly string[];
  readonly needsAnswer: boolean;
  readonly setCookie: readonly string[];
  readonly consent?: { categories: Record<string, boolean>; answered: string[]; id: string };
  readonly record?: { service: string; categories: Record<string, boolean>; action: string };
  readonly notDeleted?: { name: string; reason: string; services?: string[] }[];
  /** The confirmation the banner shows after the answer, in English. */
  readonly confirmation?: string;
}

/** Runs one answer through the built consent package, in a process of its own, as a server would. */
async function visit(
  service: Service,
  cookieHeader: string,
  answer?: string,
  host?: string,
): Promise<StepResult> {
  const script = join(built.root, `visit-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(
    script,
    `import { applyConsentForm, consentBanner, readConsent, needsAnswer, unansweredCategories } from '${catalog.packages.consent}';
const header = ${JSON.stringify(cookieHeader)};
const before = readConsent(header);
const headers = new Headers();
const records = [];
const log = { knows: () => false, record: async (input) => { records.push(input); return { durable: 'store', at: new Date().toISOString(), writer: 'test', seq: records.length }; } };
let consent, notDeleted, confirmation;
if (${JSON.stringify(answer ?? null)}) {
  ({ consent, notDeleted } = await applyConsentForm(headers, { cookies: ${JSON.stringify(answer ?? '')} }, { records: log, cookieHeader: header, service: ${JSON.stringify(service)}${host === undefined ? '' : `, host: ${JSON.stringify(host)}`} }));
  confirmation = consentBanner('en', { action: '/cookies', answered: ${JSON.stringify(answer ?? '')}, notDeleted }, ${JSON.stringify(service)});
}
console.log(JSON.stringify({ asks: unansweredCategories(before, ${JSON.stringify(service)}), needsAnswer: needsAnswer(before, ${JSON.stringify(service)}), setCookie: headers.getSetCookie(), consent, record: records[0], notDeleted, confirmation }));
`,
  );
  const { stdout } = await exec(process.execPath, [script], { cwd: built.root });
  return JSON.parse(stdout) as StepResult;
}

/** A browser: answers on one host, the jar keeps what the responses set, the next host sends its share. */
async function browse(jar: CookieJar, service: Service, answer?: 'accept' | 'reject') {
  const url = HOSTS[service];
  const result = await visit(service, await jar.getCookieString(url), answer);
  for (const line of result.setCookie) await jar.setCookie(line, url);
  return result;
}

describe('one answer across the services that share it (consent.sharedAcross)', () => {
  it('the parent domain’s cookie only where the request’s host is under it: elsewhere (local development) the answer stays on the host, as a browser keeps it', async () => {
    const consentLines = (result: StepResult) =>
      result.setCookie.filter((l) => l.startsWith('billogramGDPR=') && !/Max-Age=0/.test(l));
    for (const host of [
      'app.billogram.com',
      'app.billogram.com:8443',
      'APP.Billogram.COM',
      ' app.billogram.com ',
      'billogram.com',
      `${'a'.repeat(63)}.`.repeat(60).concat('billogram.com'),
    ])
      expect(consentLines(await visit('platform', '', 'accept', host))).toEqual([
        expect.stringMatching(/; Domain=billogram\.com$/),
      ]);
    // A name with a final dot is another host to a browser, which refuses the parent's Domain
    // there (Chromium, tough-cookie): the answer stays on it, or it would be lost.
    for (const host of [
      'app.billogram.com.',
      'APP.Billogram.COM.:8443',
      '127.0.0.1:3000',
      'evilbillogram.com',
      'billogram.com.evil.com',
      'app.billogram.com.evil.com:443',
      '[::1]:3000',
      'localhost',
      '',
      'app.billogram.com\r\nSet-Cookie: evil=1',
    ]) {
      const result = await visit('platform', '', 'accept', host);
      expect(consentLines(result)).toEqual([expect.not.stringMatching(/Domain=/i)]);
      // Nothing of the Host header reaches a Set-Cookie line.
      for (const line of result.setCookie) expect(line).not.toMatch(/evil|127\.0|::1|localhost/i);
      if (host === 'app.billogram.com.') {
        // The jar takes it for that host (it does not hand back cookies of a dotted host, so the
        // Cookie header is built from what it kept); Chromium is held to it in the demo's tests.
        const kept = await new CookieJar().setCookie(
          consentLines(result)[0] ?? '',
          'https://app.billogram.com./',
        );
        expect(kept?.domain).toBe('app.billogram.com.');
        expect((await visit('platform', kept?.cookieString() ?? '')).needsAnswer).toBe(false);
      }
      // A browser on that host keeps it, and the next request there reads the answer.
      if (host !== '127.0.0.1:3000') continue;
      const jar = new CookieJar();
      for (const line of result.setCookie) await jar.setCookie(line, 'http://127.0.0.1:3000/');
      const again = await visit('platform', await jar.getCookieString('http://127.0.0.1:3000/'));
      expect(again.needsAnswer).toBe(false);
    }
  }, 120_000);

  it('an answer stored before the catalog declared services (no `answered`) counts for every category: nobody is asked again', async () => {
    const before = {
      version: catalog.consent?.version,
      given: Math.floor(Date.now() / 1000) - 60,
      id: '0123456789abcdef0123456789abcdef',
      ...Object.fromEntries(
        catalog.categories.filter((c) => c.consentRequired).map((c, i) => [c.id, i % 2 === 0]),
      ),
    };
    const header = `billogramGDPR=${encodeURIComponent(JSON.stringify(before))}`;
    for (const service of Object.keys(HOSTS) as Service[]) {
      const result = await visit(service, header);
      expect(result).toMatchObject({ asks: [], needsAnswer: false });
    }
    // Answering again keeps the consent id and what the other categories said.
    const again = await visit('help', header, 'accept');
    expect(again.consent?.id).toBe(before.id);
    expect(again.consent?.categories).toEqual({
      ...Object.fromEntries(
        Object.entries(before).filter(([k]) => k in (again.consent?.categories ?? {})),
      ),
      'help-center': true,
    });
  }, 60_000);

  it('each service asks only about the categories it uses', async () => {
    const jar = new CookieJar();
    expect((await browse(jar, 'platform')).asks).toEqual(['statistics']);
    expect((await browse(jar, 'help')).asks).toEqual(['help-center']);
    expect((await browse(jar, 'se')).asks).toEqual(['statistics']);
  }, 60_000);

  it('an answer on the platform holds on the help centre, which then asks only about what nobody answered; an answer there keeps the platform’s', async () => {
    const jar = new CookieJar();
    const accepted = await browse(jar, 'platform', 'accept');
    // The parent domain's cookie, and the host-only one of before deleted.
    const consentName = 'billogramGDPR';
    const lines = accepted.setCookie.filter((l) => l.startsWith(`${consentName}=`));
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => /Max-Age=0/.test(l) && !/Domain=/i.test(l))).toBe(true);
    expect(lines.some((l) => /Domain=billogram\.com/.test(l))).toBe(true);
    expect(accepted.consent?.categories).toEqual({ 'help-center': false, statistics: true });
    expect(accepted.consent?.answered).toEqual(['statistics']);
    expect(accepted.record).toMatchObject({
      service: 'platform',
      categories: { statistics: true },
      action: 'accept',
    });

    // The help centre receives the answer (the jar sends it there) and asks only about its chat.
    const help = await browse(jar, 'help');
    expect(help.needsAnswer).toBe(true);
    expect(help.asks).toEqual(['help-center']);
    const rejected = await browse(jar, 'help', 'reject');
    // Merged per category: the platform's yes to statistics is kept, never overwritten.
    expect(rejected.consent?.categories).toEqual({ 'help-center': false, statistics: true });
    expect(rejected.consent?.answered).toEqual(['help-center', 'statistics']);
    expect(rejected.consent?.id).toBe(accepted.consent?.id);
    expect(rejected.record).toMatchObject({ service: 'help', action: 'reject' });

    // Neither asks again; the Swedish site, outside billogram.com, still does.
    expect((await browse(jar, 'platform')).needsAnswer).toBe(false);
    expect((await browse(jar, 'help')).needsAnswer).toBe(false);
    expect((await browse(jar, 'se')).asks).toEqual(['statistics']);
    // One cookie of that name in the jar for each host that shares it: the parent domain's.
    for (const host of [HOSTS.platform, HOSTS.help]) {
      const cookies = (await jar.getCookies(host)).filter((c) => c.key === consentName);
      expect(cookies.map((c) => [c.domain, c.hostOnly])).toEqual([['billogram.com', false]]);
    }
  }, 120_000);

  it('a service outside the parent domain keeps its answer to itself', async () => {
    const jar = new CookieJar();
    const se = await browse(jar, 'se', 'accept');
    const line = se.setCookie.find((l) => l.startsWith('billogramGDPR='));
    expect(line).not.toMatch(/Domain=/i);
    expect((await browse(jar, 'se')).needsAnswer).toBe(false);
    expect((await browse(jar, 'platform')).needsAnswer).toBe(true);
  }, 60_000);

  it('moving to the shared cookie deletes the host-only one of before, so two cookies never disagree', async () => {
    const jar = new CookieJar();
    // The platform's answer from before sharedAcross: a host-only cookie, statistics yes.
    const before = await browse(jar, 'se', 'accept');
    const hostOnly = before.setCookie.find((l) => l.startsWith('billogramGDPR=')) ?? '';
    await jar.setCookie(hostOnly, HOSTS.platform);
    expect(
      (await jar.getCookies(HOSTS.platform))
        .filter((c) => c.key === 'billogramGDPR')
        .map((c) => c.hostOnly),
    ).toEqual([true]);
    // Answering again on the platform: the shared cookie replaces it.
    const again = await browse(jar, 'platform', 'reject');
    expect(again.consent?.categories.statistics).toBe(false);
    const left = (await jar.getCookies(HOSTS.platform)).filter((c) => c.key === 'billogramGDPR');
    expect(left.map((c) => [c.domain, c.hostOnly])).toEqual([['billogram.com', false]]);
    expect((await browse(jar, 'help')).asks).toEqual(['help-center']);
  }, 60_000);
});

describe('the banner of a service that shares its answer', () => {
  it('names the services the answer applies to, in each locale; one that does not share says nothing of it', async () => {
    const script = join(built.root, 'banners.mjs');
    await writeFile(
      script,
      `import { consentBanner, LOCALES, CONSENT_SERVICES } from '${catalog.packages.consent}';
console.log(JSON.stringify(Object.fromEntries(CONSENT_SERVICES.map((s) => [s, Object.fromEntries(LOCALES.map((l) => [l, consentBanner(l, { action: '/cookies' }, s)]))]))));`,
    );
    const { stdout } = await exec(process.execPath, [script], { cwd: built.root });
    const banners = JSON.parse(stdout) as Record<string, Record<string, string>>;
    const sharing = catalog.consent?.sharedBy ?? [];
    expect(sharing).toEqual(['platform', 'help']);
    for (const locale of catalog.locales) {
      const names = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
        sharing.map((id) => catalog.services.find((s) => s.id === id)?.name[locale] ?? ''),
      );
      const sentence = (catalog.labels.consentSharedWith[locale] ?? '').replace(
        '{services}',
        names,
      );
      for (const service of sharing)
        expect(banners[service]?.[locale]).toContain(
          `<p class="cookie-consent-shared">${sentence}</p>`,
        );
      expect(banners.se?.[locale]).not.toContain('cookie-consent-shared');
    }
  }, 60_000);
});

describe('withdrawal on one service', () => {
  it("deletes what its host holds and names, with the services, what only another service's host holds", async () => {
    const jar = new CookieJar();
    // The Swedish site's visitor holds its statistics cookie; the platform's is on the platform's host.
    await jar.setCookie('stats_visit=sv; Path=/; Secure; SameSite=Lax', HOSTS.se);
    const result = await browse(jar, 'se', 'reject');
    expect(result.setCookie.some((l) => /^stats_visit=.*Max-Age=0/.test(l))).toBe(true);
    expect(result.notDeleted).toEqual([
      expect.objectContaining({
        name: 'stats_platform',
        reason: 'other-service',
        services: ['platform'],
      }),
    ]);
    const platform = catalog.services.find((s) => s.id === 'platform')?.name.en ?? '';
    const reason = (catalog.labels.consentReasonOtherService.en ?? '').replace(
      '{services}',
      platform,
    );
    expect(result.confirmation).toContain('<code>stats_platform</code>');
    expect(result.confirmation).toContain(reason);
    // On the platform itself it is deleted like any other.
    const onPlatform = await browse(new CookieJar(), 'platform', 'reject');
    expect(onPlatform.setCookie.some((l) => /^stats_platform=.*Max-Age=0/.test(l))).toBe(true);
    expect(onPlatform.notDeleted?.some((n) => n.name === 'stats_platform')).toBe(false);
  }, 60_000);
});
