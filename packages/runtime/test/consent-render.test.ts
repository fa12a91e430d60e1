import { describe, expect, it } from 'vitest';
import { renderBanner, renderPreferences, SHOWN_FIELD, shownTexts } from '../src/consent/index.js';

describe('the renderer', () => {
  const templates = {
    question:
      '<form action="\u0000action\u0000">\u0000hidden\u0000\u0000gpc\u0000</form>\u0000unknown\u0000',
    confirmation: '<p>\u0000message\u0000</p>\u0000notDeleted\u0000',
    preferences:
      '<input value="yes"\u0000yes:ads\u0000><input value="no"\u0000no:ads\u0000>\u0000confirmation\u0000',
    gpc: '<p class="gpc">GPC</p>',
    notDeleted: '<ul>\u0000items\u0000</ul>',
    saved: '<p>saved</p>\u0000notDeleted\u0000',
    messages: { accept: 'accepted', reject: 'rejected', save: 'saved' },
  };

  it('fills each slot with escaped request state: markup, quotes and braces stay text', () => {
    const evil = '<img src=x onerror=alert(1)>{{ 7*7 }}"\'&';
    const question = renderBanner(templates, {
      action: `/x"><script>${evil}`,
      hidden: { [evil]: evil },
      gpc: true,
    });
    expect(question).not.toMatch(/<img|<script|\{\{/);
    expect(question.includes('\u0000')).toBe(false); // every slot filled, the unknown one too
    expect(question).toContain(
      '&lt;img src=x onerror=alert(1)&gt;&#123;&#123; 7*7 &#125;&#125;&quot;&#39;&amp;',
    );
    expect(question).toContain('<p class="gpc">GPC</p>');
    const confirmation = renderBanner(templates, {
      action: '/x',
      answered: 'reject',
      notDeleted: [
        {
          name: evil,
          category: 'ads',
          provider: evil,
          privacyPolicy: 'https://x.example/"><script>',
          reason: 'third-party',
        },
      ],
    });
    expect(confirmation).toMatch(/^<p>rejected<\/p><ul><li><code>&lt;img/);
    expect(confirmation).not.toMatch(/<img|<script|\{\{/);
  });

  it('checks the answer in force, "no" until people say yes', () => {
    const on = renderPreferences(templates, {
      action: '/x',
      consent: { categories: { ads: true } },
    });
    expect(on).toBe('<input value="yes" checked><input value="no">');
    const never = renderPreferences(templates, { action: '/x', consent: undefined, saved: true });
    expect(never).toBe('<input value="yes"><input value="no" checked><p>saved</p>');
  });

  it('carries the hash of the words shown, which request state cannot change or forge', () => {
    const shown = {
      banner: 'a'.repeat(64),
      'banner-gpc': 'b'.repeat(64),
      preferences: 'c'.repeat(64),
      'preferences-gpc': 'd'.repeat(64),
    };
    const withHashes = { ...templates, shown };
    const field = (hash: string) => `<input type="hidden" name="${SHOWN_FIELD}" value="${hash}">`;
    const forged = { [SHOWN_FIELD]: 'f'.repeat(64), csrf: 't' };
    expect(renderBanner(withHashes, { action: '/x', hidden: forged })).toContain(
      field(shown.banner),
    );
    expect(renderBanner(withHashes, { action: '/x', hidden: forged })).not.toContain(
      'f'.repeat(64),
    );
    expect(renderBanner(withHashes, { action: '/x', gpc: true })).toContain(
      field(shown['banner-gpc']),
    );
    const form = renderPreferences(
      { ...withHashes, preferences: '<form>\u0000hidden\u0000</form>' },
      { action: '/x', consent: undefined, gpc: true },
    );
    expect(form).toContain(field(shown['preferences-gpc']));
    // The words a record points at: every per-request slot empty, the GPC notice part of them.
    const texts = shownTexts(withHashes);
    expect(texts.banner).toBe('<form action=""></form>');
    expect(texts['banner-gpc']).toBe('<form action=""><p class="gpc">GPC</p></form>');
    expect(texts.preferences).toBe('<input value="yes"><input value="no">');
    // A package generated before consent records carries no hash, and its forms none.
    expect(renderBanner(templates, { action: '/x' })).not.toContain(SHOWN_FIELD);
  });
});
