import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type ConsentLog,
  openConsentRecords,
  readConsent,
  SHOWN,
} from '@billogram/cookies-consent';
import { loadCatalog } from '@cookie-catalog/catalog';

import { type Browser, launchChromium } from '@cookie-catalog/test-support';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPackages } from '../../../packages/consent/test/generated-packages.js';
import { createDemoServer, loadClientScript } from '../src/demo-server.js';

/*
 * Proof of consent, as a supervisor would ask for it: a visitor answers in Chromium (accepts,
 * changes their mind in another language, withdraws); later, after legal has changed the
 * banner's words, `cookie-catalog consent show <id>` still prints each record and the exact
 * words that visitor was shown, from the store. Expectations follow the catalog.
 */
const { catalog } = await loadCatalog(new URL('../../../catalog/', import.meta.url).pathname);
if (!catalog) throw new Error('catalog/ does not validate');
const optional = catalog.categories.filter((c) => c.consentRequired);
const first = catalog.defaultLocale;
const second = catalog.locales.find((l) => l !== first) ?? first;
const CLI = new URL('../../../packages/cli/bin/cookie-catalog.js', import.meta.url).pathname;
const run = promisify(execFile);

describe.runIf(catalog.consent !== undefined && optional.length > 0)(
  'proof of consent in the invoice demo (headless Chromium, the embedded store)',
  () => {
    let dir: string;
    let store: string;
    let records: ConsentLog;
    let server: ReturnType<typeof createDemoServer>;
    let origin: string;
    let browser: Browser | undefined;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'demo-consent-records-'));
      store = join(dir, 'store');
      records = await openConsentRecords({ store });
      server = createDemoServer({ clientScript: await loadClientScript(), records });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
      await records?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('accept, change of mind, withdrawal: three records and the words of each, after the words changed', async () => {
      browser = await launchChromium();
      const page = await browser.context.newPage();
      await page.goto(`${origin}/invoice/10042`);
      await page.click('.cookie-consent button[value="accept"]');
      await page.locator('.cookie-consent-confirmation').waitFor();

      // In the other language, on the preferences page: the first category yes, the rest no.
      if (second !== first) {
        await page.click('form[action="/language"] button');
        await page.locator(`html[lang="${second}"]`).waitFor({ state: 'attached' });
      }
      await page.goto(`${origin}/cookies`);
      for (const [index, category] of optional.entries())
        await page.check(
          `input[name="consent-${category.id}"][value="${index === 0 ? 'yes' : 'no'}"]`,
        );
      await page.click('.cookie-consent-preferences button[type="submit"]');
      await page.locator('.cookie-consent-confirmation').waitFor();
      // Withdraws: every category no.
      for (const category of optional)
        await page.check(`input[name="consent-${category.id}"][value="no"]`);
      await page.click('.cookie-consent-preferences button[type="submit"]');
      await page.locator('.cookie-consent-confirmation').waitFor();

      const cookies = await browser.context.cookies(origin);
      const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const id = readConsent(header)?.id ?? '';
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      await records.close();

      // Legal changes the banner's and the form's words; the next release stores its own texts.
      const changed = {
        ...catalog,
        labels: {
          ...catalog.labels,
          consentBannerText: Object.fromEntries(catalog.locales.map((l) => [l, `Changed ${l}.`])),
        },
        categories: catalog.categories.map((c) => ({
          ...c,
          label: Object.fromEntries(catalog.locales.map((l) => [l, `Changed label ${c.id} ${l}`])),
        })),
      };
      const next = await generatedPackages(changed, '__records_changed__');
      try {
        const later = await next.consent.openConsentRecords({ store });
        await later.close();
        for (const hash of Object.keys(next.consent.SHOWN)) expect(SHOWN[hash]).toBeUndefined();
      } finally {
        await next.remove();
      }

      const { stdout } = await run(
        process.execPath,
        [CLI, 'consent', 'show', id, '--store', store],
        {
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
      // One block per record, oldest first: what was answered, and the words shown that time.
      const blocks = stdout.split(/\n(?=\d+\. )/).slice(1);
      expect(blocks).toHaveLength(3);
      const actions = ['accept', optional.length > 1 ? 'withdraw' : 'save', 'withdraw'];
      for (const [index, block] of blocks.entries()) {
        expect(block.split('\n')[0]).toMatch(new RegExp(`\\s${actions[index]}$`));
        expect(block).toContain(`locale ${index === 0 ? first : second}`);
      }
      // The banner's question in the first language; the form's categories in the second; never
      // the words legal wrote later.
      expect(blocks[0]).toContain(catalog.labels.consentBannerText[first] ?? '');
      for (const block of blocks.slice(1))
        for (const category of optional) expect(block).toContain(category.label[second] ?? '');
      expect(stdout).not.toContain('Changed');

      // The chain holds on the original; on a copy with the first answer turned into a
      // rejection, verify fails and names that record.
      const verify = (folder: string) =>
        run(process.execPath, [CLI, 'consent', 'verify', '--store', folder], {
          env: { ...process.env, NO_COLOR: '1' },
        }).then(
          ({ stdout: out }) => ({ code: 0, out }),
          (error: { code: number; stdout: string }) => ({ code: error.code, out: error.stdout }),
        );
      expect((await verify(store)).code).toBe(0);
      const edited = join(dir, 'edited');
      await cp(store, edited, { recursive: true });
      const db = await PGlite.create(join(edited, 'pgdata'));
      const { affectedRows } = await db.query(
        `UPDATE consent_records SET content = replace(content, '"action":"accept"', '"action":"reject"') WHERE consent_id = $1 AND seq = 1`,
        [id],
      );
      await db.close();
      expect(affectedRows).toBe(1);
      const broken = await verify(edited);
      expect(broken.code).toBe(1);
      expect(broken.out).toMatch(/seq 1\b/);
    });
  },
);
