import Handlebars from 'handlebars';

/**
 * Text we write into Markdown ourselves (language names from Intl) made inert: HTML special
 * characters become entities and Markdown punctuation is backslash-escaped; line breaks become
 * spaces, so the text never starts a new Markdown block.
 */
export function markdownText(text: string): Handlebars.SafeString {
  return new Handlebars.SafeString(
    text
      .replace(/\s+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/[\\`*_[\]()#+\-.!|~:{}$@=^]/g, '\\$&'),
  );
}

/**
 * Our HTML (the policy rendered by markdown-it with raw HTML off, and the tables) placed in a
 * Markdown document as one raw HTML block (CommonMark §4.6), which is how it stays inert in
 * every consumer:
 *
 * - Markdown parsers pass a raw HTML block through untouched, so no Markdown extension runs on
 *   catalog text: not VitePress's `:::` containers or `{…}` attributes (which could add an
 *   `onclick`), not emoji, not GitHub's autolinks. Inside Markdown *text*, by contrast, `&#123;`
 *   and `\{` both come out as `{`.
 * - Vue (VitePress compiles every page as a Vue template) finds interpolation and directives in
 *   the raw source; braces written as `&#123;`/`&#125;` are only decoded into text afterwards.
 *   markdown-it never writes `v-` attributes, `<script>` or `<!--`, so VitePress's
 *   `<!--@include: …-->` cannot occur either.
 * - A raw HTML block ends at the first blank line, after which Markdown would resume: blank
 *   lines are removed, and line breaks inside `<pre>` (where they are content) become `&#10;`.
 */
export function inertHtmlBlock(html: string): Handlebars.SafeString {
  return new Handlebars.SafeString(
    html
      .replace(/<pre[\s>][\s\S]*?<\/pre>/g, (pre) => pre.replace(/\r?\n/g, '&#10;'))
      .replace(/\{/g, '&#123;')
      .replace(/\}/g, '&#125;')
      .replace(/\n(?:[ \t]*\n)+/g, '\n')
      .trim(),
  );
}
