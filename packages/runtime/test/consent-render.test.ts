import { describe, expect, it } from 'vitest';
import { renderBanner, renderPreferences } from '../src/consent/index.js';

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
});
