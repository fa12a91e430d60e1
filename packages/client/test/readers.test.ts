import { describe, expect, it } from 'vitest';
import { type CookieUnderTest, realCatalog, realCookies } from '../../server/test/real-catalog.js';
import * as client from '../src/generated/index.js';

/*
 * The browser readers of whatever catalog the package was built from, on RULES.md's hostile
 * cookie strings, built around each cookie's own name and a value @billogram/cookies-server wrote.
 */
const api = client as unknown as Record<string, (...args: unknown[]) => unknown>;
const catalog = await realCatalog();
const all = await realCookies();
const visible = all.filter((c) => !c.cookie.attributes.httpOnly);

/** readXFrom(cookies, params?) of the client package. */
const readFrom = (c: CookieUnderTest) => (cookies: string) =>
  api[`read${c.cookie.functionName}From`]?.(cookies, ...c.args.slice(0, -1));

describe.runIf(visible.length > 0)('readers never throw on hostile cookie strings', () => {
  describe.each(visible.map((c) => [c.cookie.id, c] as const))('%s', (_id, cookie) => {
    const read = readFrom(cookie);
    const value = cookie.args.at(-1);
    const pair = cookie.serialize().split(';')[0] ?? '';
    const wire = pair.slice(cookie.name.length + 1);

    it.each([
      ['after another cookie', `a=1; ${pair}`, value],
      ['twice: the first wins', `${pair}; ${pair}x`, value],
      ['with SP and HTAB around name and value', `  ${cookie.name} = ${wire}  `, value],
      ['after a tab', `\t${pair};`, value],
      ['behind a longer name', `x${pair}`, undefined],
      ['as the end of another name', `old_${pair}`, undefined],
      ['after a no-break space, which makes another name', `\u00a0${pair}`, undefined],
      ['with a no-break space before =', `${cookie.name}\u00a0=${wire}`, undefined],
      ['after __proto__ and constructor', `__proto__=x; constructor=y; ${pair}`, value],
      ['without a value', cookie.name, undefined],
      ['in an empty string', '', undefined],
      ['after 100 kB of other cookies', `${'a=b; '.repeat(20_000)}${pair}`, value],
      ['in 100 kB of nothing', 'x'.repeat(100_000), undefined],
    ])('%s', (_what, cookies, expected) => {
      expect(read(cookies)).toEqual(expected);
    });

    it('reads the same as the server reader, for what the server wrote and for a broken escape', () => {
      expect(read(pair)).toEqual(cookie.read(pair));
      const broken = `${cookie.name}=%E0%A4%A`;
      expect(read(broken)).toEqual(cookie.read(broken));
    });
  });
});

describe('what the client package offers', () => {
  it('returns undefined where there is no document (server rendering), and writers throw what any DOM call throws there', () => {
    expect(typeof document).toBe('undefined');
    for (const cookie of visible) {
      const params = cookie.args.slice(0, -1);
      expect(api[`read${cookie.cookie.functionName}`]?.(...params)).toBeUndefined();
      const write = api[`write${cookie.cookie.functionName}`];
      if (write) {
        expect(() => write(...cookie.args)).toThrow(new ReferenceError('document is not defined'));
      }
    }
  });

  it('exports readers only for cookies script can see, and writers only where client script sets them', () => {
    const names = Object.keys(client);
    for (const entry of catalog.entries) {
      const visibleToScript = all.some(
        (c) => c.cookie.id === entry.id && !c.cookie.attributes.httpOnly,
      );
      expect(names.includes(`read${entry.functionName}`), entry.id).toBe(visibleToScript);
      const written = visibleToScript && entry.setBy === 'client';
      expect(names.includes(`write${entry.functionName}`), entry.id).toBe(written);
      // A retired cookie script wrote keeps its remover alone (realCookies leaves retired out).
      const retiredWritten =
        entry.retired !== undefined &&
        entry.kind === 'cookie' &&
        entry.party === 'first' &&
        entry.setBy === 'client' &&
        entry.attributes?.httpOnly === false;
      expect(names.includes(`remove${entry.functionName}`), entry.id).toBe(
        written || retiredWritten,
      );
    }
  });
});
