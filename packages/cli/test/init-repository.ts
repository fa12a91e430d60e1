import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

/** `cookie-catalog init acme …` in a new temporary folder: where it wrote, and what it said. */
export async function init(
  args: string[],
): Promise<{ dir: string; code: number; stdout: string; stderr: string }> {
  const parent = await mkdtemp(join(tmpdir(), 'cookie-catalog-init-'));
  const result = await runCli(['init', 'acme', ...args], parent);
  return { dir: join(parent, 'acme'), ...result };
}

/** What legal does after init: every TODO written (links as links, the address as an address). */
export async function writeTodos(dir: string): Promise<void> {
  const catalog = join(dir, 'catalog');
  for (const file of await readdir(catalog, { recursive: true })) {
    const path = join(catalog, file);
    if (file.endsWith('.md')) await writeFile(path, 'Written by legal.\n');
    if (!file.endsWith('.yaml')) continue;
    const lines = (await readFile(path, 'utf8')).split('\n').map((line) => {
      const filled = /\b(url|website|privacyPolicy):/.test(line)
        ? '"https://authority.example/"'
        : /\bdomain:/.test(line)
          ? 'stats.vendor.example'
          : /\bemail:/.test(line)
            ? 'dpo@acme.example'
            : '"Written by legal."';
      return line.replace(/"TODO:[^"]*"/g, filled);
    });
    await writeFile(path, lines.join('\n'));
  }
}
