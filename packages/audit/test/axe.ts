import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (as test-support's). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core's violations in the page, `rule-id: help (N nodes)`. Evaluated through the DevTools
 * protocol: the report's Content-Security-Policy refuses every script tag, axe's included.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async (tags) => {
    type Result = { violations: { id: string; help: string; nodes: unknown[] }[] };
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<Result> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  }, TAGS);
}
