import { describe, expect, it } from 'vitest';
import { findCookie } from './find-cookie.js';

describe('findCookie reads a cookie string as a browser writes it (RFC 6265bis §5.6)', () => {
  it.each([
    ['a=1; id=x', 'x'],
    ['id= \tx\t ;b=2', 'x'],
    ['id=x; id=y', 'x'],
    // Only SP and HTAB are whitespace around a value: other spaces are part of it.
    ['id=\u00a0x\u00a0', '\u00a0x\u00a0'],
    ['id=\ufeffx', '\ufeffx'],
    ['id=x\u3000', 'x\u3000'],
    ['id=   ', ''],
    ['id=', ''],
    ['\u00a0id=x', undefined],
    ['xid=1', undefined],
  ])('%j → %j', (cookies, expected) => {
    expect(findCookie(cookies, 'id')).toBe(expected);
  });

  it('takes linear time on long runs of blanks', () => {
    const blanks = ' '.repeat(200_000);
    expect(findCookie(`id=${blanks}x${blanks}`, 'id')).toBe('x');
  });
});
