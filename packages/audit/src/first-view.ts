import type { CDPSession, Page } from 'playwright-core';

/*
 * The first page of a pass as the visitor saw it, for the HTML report: a screenshot of the
 * viewport (the consent banner, before any click), and the browser that took it. Taken through
 * the DevTools protocol and Playwright, never from the page: a page can change what
 * navigator.userAgent says to its own scripts, not what the browser reports here.
 */

/** A small JPEG: the viewport only, enough to read a banner; a pass's screenshot stays ~50 kB. */
const JPEG_QUALITY = 60;

export interface FirstView {
  /** The first page's viewport, base64 JPEG; absent when redacted or when it could not be taken. */
  readonly screenshot?: { readonly mediaType: 'image/jpeg'; readonly base64: string };
  readonly viewport: { readonly width: number; readonly height: number };
  /** Chromium's product and version, e.g. `Chrome/141.0.7390.54`. */
  readonly browserVersion: string;
  /** The User-Agent header the browser sent. */
  readonly userAgent: string;
}

export async function captureFirstView(
  page: Page,
  session: CDPSession | undefined,
  options: { readonly screenshot: boolean; readonly timeoutMs: number },
): Promise<FirstView> {
  const version = (await session?.send('Browser.getVersion').catch(() => undefined)) as
    | { product?: string; userAgent?: string }
    | undefined;
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const image = options.screenshot
    ? await page
        .screenshot({
          type: 'jpeg',
          quality: JPEG_QUALITY,
          fullPage: false,
          timeout: options.timeoutMs,
          animations: 'disabled',
        })
        .catch(() => undefined)
    : undefined;
  return {
    ...(image && {
      screenshot: { mediaType: 'image/jpeg' as const, base64: image.toString('base64') },
    }),
    viewport: { width: viewport.width, height: viewport.height },
    browserVersion: version?.product ?? 'unknown',
    userAgent: version?.userAgent ?? 'unknown',
  };
}
