import parseChangeset from '@changesets/parse';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  type CatalogDiff,
  changesetFileName,
  formatChangeset,
  formatDiffMarkdown,
} from '../src/index.js';

const hostile = [
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '# heading\n- item',
  '`code` | pipe | **bold**',
  'a\u202Ereversed\u2066 text',
  '![image](https://example.com/x.png)',
];

const diff: CatalogDiff = {
  changes: hostile.map((description, i) => ({
    subject: `entry${i}`,
    description,
    services: ['site'],
    bumps: { '@acme/cookies-server': 'minor' },
  })),
  packages: ['@acme/cookies-server', '@acme/cookies-client'],
  bumps: { '@acme/cookies-server': 'minor', '@acme/cookies-client': 'major' },
  warnings: ['raise <b>consent</b> version'],
};

describe('the pull request comment (formatDiffMarkdown)', () => {
  const html = new MarkdownIt({ linkify: true }).render(
    formatDiffMarkdown(diff, 'main`<script>alert(1)</script>`'),
  );

  it('shows every change and every bump, as text', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toMatch(
      /<td><code>@acme\/cookies-client<\/code><\/td>\s*<td><strong>major<\/strong><\/td>/,
    );
  });

  it('is inert: no script link, image, raw HTML, heading or list from catalog text or the git ref', () => {
    // A bare https address may be autolinked (GitHub does); nothing else becomes a link.
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    expect(links.every((href) => href?.startsWith('https://'))).toBe(true);
    expect(html).not.toMatch(/<img|<script|<h[1-6]>heading|<b>/);
    // One list item per change: a line break in a description does not start a new block.
    expect(html.match(/<li>/g)?.length).toBe(hostile.length);
    // Bidi controls are shown as escapes, never applied.
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    // The ref stays inside its code span, whatever backticks it holds.
    expect(html).toContain('<code>main`&lt;script&gt;alert(1)&lt;/script&gt;`</code>');
  });
});

describe('the changeset (formatChangeset)', () => {
  it('gives each package exactly the bump of the diff, as changesets reads it', () => {
    const text = formatChangeset(diff);
    const parsed = parseChangeset(text);
    expect(parsed.releases).toEqual([
      { name: '@acme/cookies-server', type: 'minor' },
      { name: '@acme/cookies-client', type: 'major' },
    ]);
    expect(parsed.summary.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(
      hostile.length,
    );
  });

  it('is named by its content: the same diff, the same file', () => {
    expect(changesetFileName(formatChangeset(diff))).toBe(changesetFileName(formatChangeset(diff)));
    expect(changesetFileName(formatChangeset(diff))).toMatch(/^catalog-[0-9a-f]{8}\.md$/);
    expect(
      changesetFileName(formatChangeset({ ...diff, changes: diff.changes.slice(1) })),
    ).not.toBe(changesetFileName(formatChangeset(diff)));
  });
});
