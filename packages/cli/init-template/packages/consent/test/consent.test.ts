import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';
import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import {
  applyConsentForm,
  CONSENT_CATEGORIES,
  CONSENT_COOKIE,
  hasConsent,
  readConsent,
} from '../src/generated/index.js';

/**
 * The answer to the consent question, recorded by the generated API into a real cookie jar
 * (tough-cookie) and read back: accept turns every category that needs consent on, reject every
 * one off. The test follows catalog/.
 */
const { catalog } = await loadCatalog(fileURLToPath(new URL('../../../catalog/', import.meta.url)));
if (!catalog) throw new Error('catalog/ does not validate: run npx cookie-catalog validate');
const origin = `https://${catalog.controller.domains[0] ?? 'localhost'}/`;

describe.runIf(catalog.consent !== undefined)('the answer to the consent question', () => {
  it.each([
    ['accept', true],
    ['reject', false],
  ] as const)('%s: recorded in the consent cookie and read back', async (answer, on) => {
    const response = new Headers();
    const { consent } = await applyConsentForm(response, new URLSearchParams({ cookies: answer }), {
      records: null,
    });
    const jar = new CookieJar();
    for (const line of response.getSetCookie())
      await jar.setCookie(line, origin, { ignoreError: true }); // a browser ignores what it refuses
    const header = await jar.getCookieString(origin);
    expect(header).toContain(`${CONSENT_COOKIE}=`);
    const read = readConsent(header);
    for (const category of CONSENT_CATEGORIES) {
      expect(hasConsent(consent, category)).toBe(on);
      expect(hasConsent(read, category)).toBe(on);
    }
  });
});
