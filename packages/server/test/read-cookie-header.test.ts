import { describe, expect, it } from 'vitest';
import { realCookies } from './real-catalog.js';

/*
 * Every reader of whatever catalog the package was built from, on the Cookie headers of
 * RULES.md's hostile list, built around that cookie's own name and a valid value on the wire.
 */
const cookies = await realCookies();

describe.runIf(cookies.length > 0)('readers parse a Cookie header and never throw', () => {
  describe.each(cookies.map((c) => [c.cookie.id, c] as const))('%s', (_id, cookie) => {
    const value = cookie.args.at(-1);
    const pair = cookie.serialize().split(';')[0] ?? '';
    const wire = pair.slice(cookie.name.length + 1);

    it.each([
      ['after another cookie', `a=1; ${pair}`, value],
      ['alone', pair, value],
      ['twice: the first wins', `${pair}; ${cookie.name}=garbage%`, value],
      ['with SP and HTAB around name and value', ` ${cookie.name} = ${wire} ;a=1`, value],
      ['after a tab', `\t${pair}`, value],
      ['behind a longer name', `x${pair}`, undefined],
      ['inside another value', `a=${pair}`, undefined],
      ['after a no-break space, which makes another name', `\u00a0${pair}`, undefined],
      ['without a value', cookie.name, undefined],
      ['in an empty header', '', undefined],
      ['after __proto__ and constructor', `__proto__=x; constructor=y; ${pair}`, value],
      ['after 100 kB of other cookies', `${'x'.repeat(100_000)}; ${pair}`, value],
      ['beside 100 kB of escapes', `junk=${'%'.repeat(100_000)}`, undefined],
    ])('%s', (_what, header, expected) => {
      expect(cookie.read(header)).toEqual(expected);
    });

    it('takes a broken escape as a value only where the value is not encoded', () => {
      const { value: declared } = cookie.cookie;
      const raw = declared.type === 'string' && declared.encoding === 'raw';
      const read = cookie.read(`${cookie.name}=%E0%A4%A`);
      if (raw) expect([undefined, '%E0%A4%A']).toContain(read);
      else expect(read).toBeUndefined();
    });

    it.each([[undefined], [null], [42], [{}]])('a header of %j gives undefined', (header) => {
      expect(cookie.read(header as string)).toBeUndefined();
    });
  });
});
