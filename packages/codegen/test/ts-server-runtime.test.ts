import { describe, expect, it } from 'vitest';
import { checked } from './checked.js';
import * as server from './golden/basic/server/cookies.js';

/** The golden output of the basic fixture, run: patterns, integers, JSON, encodings, size limits. */
describe('generated server code for the basic fixture, at run time', () => {
  it('builds pattern names from typed parameters, and refuses parameters that could inject', () => {
    expect(
      server.serializeShard({ region: 'se', n: 7 }, checked(server.parseShard('abc123'))),
    ).toBe('shard-se-7=abc123; Max-Age=86400; Path=/; Secure; HttpOnly; SameSite=Lax');
    expect(server.readShard('shard-se-7=abc123; shard-no-7=zzz', { region: 'se', n: 7 })).toBe(
      'abc123',
    );
    expect(server.readShard('shard-se-7=abc123', { region: 'no', n: 7 })).toBeUndefined();
    for (const params of [
      { region: 'a;', n: 1 },
      { region: 's\r', n: 1 },
      { region: 'SE', n: 1 },
      { region: 'se', n: -1 },
      { region: 'se', n: 1.5 },
      { region: 'se', n: Number.NaN },
    ]) {
      expect(
        () => server.serializeShard(params, checked(server.parseShard('abc'))),
        JSON.stringify(params),
      ).toThrow(/is not a valid \{(region|n)\} for this cookie's name/);
      expect(server.readShard('shard-se-1=abc', params)).toBeUndefined();
    }
    const headers = new Headers();
    server.setShard(headers, { region: 'se', n: 1 }, checked(server.parseShard('a')));
    server.setShard(headers, { region: 'no', n: 1 }, checked(server.parseShard('b')));
    server.setShard(headers, { region: 'se', n: 1 }, checked(server.parseShard('c')));
    expect(headers.getSetCookie().map((line) => line.split(';')[0])).toEqual([
      'shard-se-1=c',
      'shard-no-1=b',
    ]);
  });

  it('honours the __Host- prefix, Domain, Path and Partitioned exactly', () => {
    expect(
      server.serializeSessionId(checked(server.parseSessionId('0123456789abcdef0123456789abcdef'))),
    ).toBe(
      '__Host-session=0123456789abcdef0123456789abcdef; Max-Age=7200; Path=/; Secure; HttpOnly; SameSite=Strict',
    );
    const headers = new Headers();
    server.deletePrefs(headers);
    expect(headers.getSetCookie()).toEqual([
      'prefs=; Max-Age=0; Domain=example.com; Path=/app; Secure; SameSite=Lax',
    ]);
    expect(server.serializeBeta(true)).toBe(
      'beta=true; Path=/; Secure; HttpOnly; SameSite=None; Partitioned',
    );
  });

  it('checks integers against their range', () => {
    expect(server.serializeVisits(1000)).toMatch(/^visits=1000;/);
    for (const value of [-1, 1001, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5']) {
      expect(() => server.serializeVisits(value as number), String(value)).toThrow(
        server.visitsCookie.name,
      );
    }
    expect(server.readVisits('visits=42')).toBe(42);
    for (const raw of ['1001', '-1', '01', '1e3', '0x10', ' 4 2', '99999999999999999999']) {
      expect(server.readVisits(`visits=${raw}`), raw).toBeUndefined();
    }
  });

  it('round-trips JSON through base64url and refuses anything else', () => {
    const value = { fontSize: 14, mode: 'compact', label: 'Hej då ✓' } as const;
    const line = server.serializePrefs(value);
    expect(line).toMatch(/^prefs=[A-Za-z0-9_-]+; /);
    expect(server.readPrefs(line.split(';')[0])).toEqual(value);
    expect(server.readPrefs('prefs=!!!')).toBeUndefined();
    expect(
      server.readPrefs(`prefs=${Buffer.from('{"fontSize":1}').toString('base64url')}`),
    ).toBeUndefined();
    expect(
      server.readPrefs(`prefs=${Buffer.from([0xff, 0xfe]).toString('base64url')}`),
    ).toBeUndefined();
    expect(() => server.serializePrefs({ ...value, mode: 'wide' } as never)).toThrow(/shape/);
  });

  it('percent-encodes uri strings, refuses unpaired surrogates and values over 4096 bytes', () => {
    expect(server.serializeNote('Hej då; ses imorgon!')).toMatch(
      /^note=Hej%20d%C3%A5%3B%20ses%20imorgon!;/,
    );
    expect(server.readNote('note=Hej%20d%C3%A5%3B%20ses%20imorgon!')).toBe('Hej då; ses imorgon!');
    expect(server.readNote('note=%E0%A4%A')).toBeUndefined();
    expect(() => server.serializeNote('a\ud800b')).toThrow(/unpaired surrogate/);
    expect(server.serializeNote('a'.repeat(4092))).toMatch(/^note=a{4092};/);
    expect(() => server.serializeNote('a'.repeat(4093))).toThrow(/4096-byte limit/);
    expect(() => server.serializeNote('ä'.repeat(1000))).toThrow(/6000 bytes once encoded/);
  });
});
