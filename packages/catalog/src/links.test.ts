import { describe, expect, it } from 'vitest';
import { checkLink } from './links.js';

describe('checkLink', () => {
  it.each([
    'https://www.pts.se/en/',
    'https://support.zendesk.com/hc/en-us/articles/4408824378650-Zendesk-In-Product-Cookie-Policy',
  ])('accepts %s', (link) => {
    expect(checkLink(link).ok).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example',
    'https://good@evil.example',
    'https://user:pass@evil.example',
    'http://example.com',
    'mailto:dpo@billogram.com',
    'https://exa mple.com',
    '',
  ])('refuses %j', (link) => {
    expect(checkLink(link).ok).toBe(false);
  });

  it('accepts mailto: only where contacts are allowed, and only for real addresses', () => {
    expect(checkLink('mailto:dpo@billogram.com', { allowMailto: true }).ok).toBe(true);
    expect(checkLink('mailto:not-an-address', { allowMailto: true }).ok).toBe(false);
    // A broken percent-escape is no address, and no crash either.
    expect(checkLink('mailto:a%E0@b.com', { allowMailto: true })).toMatchObject({ ok: false });
  });
});
