import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '@cookie-catalog/audit';
import { type BrowserContext, chromium, type Browser as PlaywrightBrowser } from 'playwright-core';
import { SHARED_CHROMIUM } from './shared-chromium.js';

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
  /**
   * Host names the browser resolves to 127.0.0.1, served over HTTPS with this certificate (from
   * testCertificate), which it trusts: a site under a real domain's names, on loopback. Such a
   * browser is started for the caller, never the run's shared one (these are browser flags).
   */
  readonly hosts?: {
    readonly names: readonly string[];
    readonly certificate: { readonly spki: string };
  };
}

let shared: Promise<PlaywrightBrowser> | undefined;

/**
 * A headless Chromium with an empty profile of its own: in `npm test`, a new context of the
 * run's one browser (shared-chromium.ts); otherwise a browser started for the caller.
 */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const contextOptions = {
    ...(options.javaScriptEnabled !== undefined && {
      javaScriptEnabled: options.javaScriptEnabled,
    }),
    ...(options.extraHTTPHeaders && { extraHTTPHeaders: { ...options.extraHTTPHeaders } }),
  };
  const endpoint = process.env[SHARED_CHROMIUM];
  if (endpoint && !options.hosts) {
    shared ??= chromium.connect(endpoint);
    const context = await (await shared).newContext(contextOptions);
    return { context, close: () => context.close() };
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'cookie-catalog-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      ...(options.hosts
        ? [
            `--host-resolver-rules=${options.hosts.names.map((name) => `MAP ${name} 127.0.0.1`).join(', ')}`,
            `--ignore-certificate-errors-spki-list=${options.hosts.certificate.spki}`,
          ]
        : []),
    ],
    ...contextOptions,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
