export type LinkCheck =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Accepts only absolute https: links (and mailto: where `allowMailto`), judged after WHATWG URL
 * parsing, so that `JaVaScRiPt:`, ` javascript:` and `java\tscript:` are seen for what a browser
 * would make of them. Credentials in a link (`https://good@evil.example`) are refused: they are
 * a classic way to make a link look like it goes somewhere else.
 */
export function checkLink(text: string, { allowMailto = false } = {}): LinkCheck {
  // WHATWG URL parsing silently strips leading/trailing C0 controls and spaces and removes tabs
  // and newlines anywhere; a catalog link must not rely on that.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u0020\u007f-\u00a0]/.test(text)) {
    return {
      ok: false,
      reason: `the link ${JSON.stringify(text)} contains spaces or control characters`,
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${text}" is not an absolute link` };
  }
  if (url.protocol === 'mailto:' && allowMailto) {
    return isEmailAddress(decodedOrEmpty(url.pathname))
      ? { ok: true, url: url.href }
      : { ok: false, reason: `"${text}" is not a valid e-mail link` };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, reason: `"${text}" uses ${url.protocol.replace(/:$/, '')}:, not https:` };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      reason: `"${text}" carries a user name, so it does not go where it seems to`,
    };
  }
  return { ok: true, url: url.href };
}

/** `%E0` alone is not UTF-8: such an address is no address, not a crash. */
function decodedOrEmpty(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

/** A deliberately plain e-mail check: one @, a dot in the domain, no spaces or angle brackets. */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@<>()"',;:\\]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(text);
}
