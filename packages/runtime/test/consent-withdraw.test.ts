import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { applyRemovals, choicesFromForm } from '../src/consent/index.js';

const ORIGIN = 'https://shop.example/';

describe('withdrawal deletes what lives on our domain (tough-cookie as the browser)', () => {
  it('deletes fixed names and the pattern names the request carries, and lists the rest', async () => {
    const jar = new CookieJar();
    for (const line of [
      'opt_pref=dark; Path=/; Secure; SameSite=Lax; Max-Age=3600',
      'ab_12=b; Path=/shop; Max-Age=3600',
      'ab_7=a; Path=/shop; Max-Age=3600',
      'keep=1; Path=/; Max-Age=3600',
    ])
      await jar.setCookie(line, `${ORIGIN}shop/`);
    const lines: string[] = [];
    const { deleted, notDeleted } = applyRemovals(
      [
        [
          'preferences',
          [
            { name: 'opt_pref', attributes: '; Max-Age=0; Path=/; Secure; SameSite=Lax' },
            { name: 'ab_{n}', pattern: '^ab_[^=;\\s]+$', attributes: '; Max-Age=0; Path=/shop' },
            {
              name: '_vendor',
              cannot: 'third-party',
              provider: 'Vendor AB',
              privacyPolicy: 'https://vendor.example/privacy',
            },
          ],
        ],
      ],
      (await jar.getCookieString(`${ORIGIN}shop/`)) ?? '',
      (line) => lines.push(line),
    );
    for (const line of lines) await jar.setCookie(line, `${ORIGIN}shop/`);
    expect((await jar.getCookies(`${ORIGIN}shop/`)).map((c) => c.key)).toEqual(['keep']);
    expect(deleted.sort()).toEqual(['ab_12', 'ab_7', 'opt_pref']);
    expect(notDeleted).toEqual([
      {
        name: '_vendor',
        category: 'preferences',
        provider: 'Vendor AB',
        privacyPolicy: 'https://vendor.example/privacy',
        reason: 'third-party',
      },
    ]);
  });

  it('under Global Privacy Control, "accept all" leaves advertising categories off', () => {
    const form = new URLSearchParams('cookies=accept');
    expect(choicesFromForm(form, ['stats', 'ads'], ['ads'])).toEqual({ stats: true, ads: false });
    const explicit = new URLSearchParams('cookies=save&consent-ads=yes');
    expect(choicesFromForm(explicit, ['stats', 'ads'], ['ads'])).toEqual({
      stats: false,
      ads: true,
    });
  });
});
