import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '@cookie-catalog/audit';
import { type BrowserContext, chromium } from 'playwright-core';

// The same browser and flags as `cookie-catalog audit`: Debian's chromium (installed by .ci/run)
// or CHROMIUM_PATH; tests never download a browser.
export { CHROMIUM };

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  /** false: a visitor without JavaScript. */
  readonly javaScriptEnabled?: boolean;
  /** Sent with every request, e.g. `Sec-GPC: 1` (Global Privacy Control). */
  readonly extraHTTPHeaders?: Readonly<Record<string, string>>;
}

/** A fresh headless Chromium with an empty profile of its own. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'cookie-catalog-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    ...(options.javaScriptEnabled !== undefined && {
      javaScriptEnabled: options.javaScriptEnabled,
    }),
    ...(options.extraHTTPHeaders && { extraHTTPHeaders: { ...options.extraHTTPHeaders } }),
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
