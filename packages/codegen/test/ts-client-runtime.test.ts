import { describe, expect, it } from 'vitest';
import * as client from './golden/basic/client/cookies.js';
import * as server from './golden/basic/server/cookies.js';

/*
 * The browser readers are generated for size and the server readers for speed, from the same
 * catalog: they must read every cookie string the same way. Each case is a value on the wire,
 * hostile ones included, read by both.
 */
const cases: Record<string, { client: (c: string) => unknown; server: (c: string) => unknown }> = {
  theme: { client: client.readThemeFrom, server: server.readTheme },
  visits: { client: client.readVisitsFrom, server: server.readVisits },
  note: { client: client.readNoteFrom, server: server.readNote },
  prefs: { client: client.readPrefsFrom, server: server.readPrefs },
};

const base64Url = (text: string) => Buffer.from(text).toString('base64url');
const wireValues = [
  '',
  'light',
  'dark',
  'high-contrast',
  'Light',
  ' light ',
  '\u00a0light',
  '0',
  '7',
  '-7',
  '1000',
  '1001',
  '-0',
  '07',
  '+7',
  '7.0',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '9007199254740993',
  '99999999999999999999',
  'Hej%20d%C3%A5',
  '%E0%A4%A',
  '%',
  '__proto__',
  base64Url(JSON.stringify({ fontSize: 14, mode: 'compact', label: 'Hej då' })),
  base64Url(JSON.stringify({ fontSize: 14, mode: 'compact', label: 'x', extra: 1 })),
  base64Url(JSON.stringify({ fontSize: 1.5, mode: 'compact', label: 'x' })),
  base64Url(JSON.stringify({ fontSize: 14, mode: 'wide', label: 'x' })),
  base64Url(JSON.stringify({ fontSize: 14, mode: 'compact' })),
  base64Url(JSON.stringify([14, 'compact', 'x'])),
  base64Url('{"fontSize":14,"mode":"compact","label":"x","__proto__":{"polluted":true}}'),
  base64Url('not json'),
  'not base64!',
];

describe('generated browser readers agree with the generated server readers', () => {
  for (const [name, readers] of Object.entries(cases)) {
    it(`${name}: the same answer for every value on the wire`, () => {
      for (const value of wireValues) {
        for (const jar of [`${name}=${value}`, `a=1; ${name}=${value}; b=2`, `x${name}=${value}`]) {
          expect(readers.client(jar), jar).toEqual(readers.server(jar));
        }
      }
    });
  }

  it('reads integers only in the form a writer writes them', () => {
    expect(client.readVisitsFrom('visits=42')).toBe(42);
    expect(client.readVisitsFrom('visits=0')).toBe(0);
    for (const raw of ['-0', '07', '+7', '7.0', '1e3', '0x10', '1001', '-1', ' 4 2', 'NaN']) {
      expect(client.readVisitsFrom(`visits=${raw}`), raw).toBeUndefined();
      expect(server.readVisits(`visits=${raw}`), raw).toBeUndefined();
    }
  });

  it('builds JSON values from the declared fields only, never from the prototype', () => {
    const polluted = base64Url(
      '{"fontSize":14,"mode":"compact","label":"x","__proto__":{"polluted":true}}',
    );
    const value = client.readPrefsFrom(`prefs=${polluted}`);
    expect(value).toEqual({ fontSize: 14, mode: 'compact', label: 'x' });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
