import { describe, expect, it } from 'vitest';
import { htmlToPlainText, renderingWords } from './rendering-text.js';

describe('htmlToPlainText: a stored banner as the words people read', () => {
  const cases: [string, string, string][] = [
    [
      'the question: heading, text, buttons and the link to choose',
      '<div class="cookie-consent" role="region" aria-label="Cookies on Example" lang="en"><h2 class="cookie-consent-title">Cookies on Example</h2><p>We use cookies &amp; similar.</p><form method="post" action="/consent"><input type="hidden" name="csrf" value="x"><button type="submit" name="cookies" value="accept">Accept</button> <button type="submit" name="cookies" value="reject">Reject</button> <a class="cookie-consent-choose" href="/cookies">Choose</a></form></div>',
      'Cookies on Example\n\nWe use cookies & similar.\n\n[ Accept ] [ Reject ] Choose (link: /cookies)',
    ],
    [
      'the preferences form: the question per category and its radio choices, the chosen one marked',
      '<fieldset><legend>Analytics</legend><p>We count visits.</p><input type="radio" name="a" id="y" value="yes" checked> <label for="y">Yes</label> <input type="radio" name="a" id="n" value="no"> <label for="n">No</label></fieldset><button type="submit">Save</button>',
      'Analytics\n\nWe count visits.\n\n(•) Yes ( ) No\n\n[ Save ]',
    ],
    [
      'entities, named and numeric, decoded once',
      '<p>Caf&eacute; &#x27;quoted&#39; &amp;lt;b&amp;gt; &nbsp;x</p>',
      "Café 'quoted' &lt;b&gt; \u00a0x",
    ],
    [
      'no tags, no script or style, no comments',
      '<style>p{color:red}</style><p>Shown<script>alert("not shown")</script><!-- nor this --></p><p title="a > b">Also</p>',
      'Shown\n\nAlso',
    ],
    [
      'a list, line breaks, and a runtime slot named',
      '<ul><li>one</li><li>two<br>lines</li></ul>\u0000notDeleted\u0000',
      '• one\n• two\nlines\n[filled per request: notDeleted]',
    ],
    ['text that only looks like a tag stays', '<p>1 < 2 and a <3</p>', '1 < 2 and a <3'],
  ];
  it.each(cases)('%s', (_title, html, words) => {
    expect(htmlToPlainText(html)).toBe(words);
  });

  it('leaves Markdown and plain text as written', () => {
    expect(renderingWords('markdown', '# Policy\r\n\r\n**Bold** <b>kept</b>\n')).toBe(
      '# Policy\n\n**Bold** <b>kept</b>',
    );
  });
});
