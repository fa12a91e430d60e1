import Handlebars from 'handlebars';

/**
 * Catalog text made inert for a Markdown document that a docs site will render: HTML special
 * characters become entities, Markdown punctuation is backslash-escaped (so `*`, `[`, `|` and
 * friends stay text), and braces become entities so Vue-based sites (VitePress) never see `{{`.
 * Line breaks become spaces: a catalog text never starts a new Markdown block.
 */
export function markdownText(text: string): Handlebars.SafeString {
  return new Handlebars.SafeString(
    text
      .replace(/\s+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/[\\`*_[\]()#+\-.!|~]/g, '\\$&')
      .replace(/\{/g, '&#123;')
      .replace(/\}/g, '&#125;'),
  );
}

/** A URL inside Markdown link parentheses: only the characters that could end the link are encoded. */
export function markdownUrl(url: string): Handlebars.SafeString {
  return new Handlebars.SafeString(
    url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}

/**
 * Legal's Markdown, passed through for a Markdown docs site: raw HTML is shown as text, as in
 * our own HTML rendering (markdown-it with html off), and braces cannot reach a Vue template.
 * Code spans are left alone.
 */
export function passThroughMarkdown(markdown: string): Handlebars.SafeString {
  const parts = markdown.split(/(`[^`\n]*`)/);
  return new Handlebars.SafeString(
    parts
      .map((part, index) =>
        index % 2 === 1
          ? part
          : part.replace(/</g, '&lt;').replace(/\{/g, '&#123;').replace(/\}/g, '&#125;'),
      )
      .join('')
      .trim(),
  );
}

/** An HTML fragment of ours placed in Markdown: braces become entities for Vue-based sites. */
export function embeddedHtml(html: string): Handlebars.SafeString {
  return new Handlebars.SafeString(html.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;').trim());
}
