import { CHROMIUM, CHROMIUM_ARGS } from '@cookie-catalog/audit';
import { chromium } from 'playwright-core';

/** Where `npm test`'s one Chromium listens (a Playwright browser server's WebSocket). */
export const SHARED_CHROMIUM = 'COOKIE_CATALOG_CHROMIUM_WS';

/**
 * Vitest global setup for `npm test`: one headless Chromium for the whole run. Each test's
 * `launchChromium()` then opens a browser context of its own in it (its own cookies, storage and
 * cache, as a fresh profile has) instead of starting a browser: two dozen browser start-ups
 * fewer on two cores. A test file run alone (without the root config) starts its own browser.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  process.env[SHARED_CHROMIUM] = server.wsEndpoint();
  return async () => {
    await server.close();
  };
}
