import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';

const BIN = fileURLToPath(new URL('../bin/cookie-catalog.js', import.meta.url));

describe('cookie-catalog generate --watch', () => {
  it('writes again what a save changes, only that, and nothing while the catalog is broken', async () => {
    const dir = await editedCatalog([]);
    const root = dirname(dir);
    const child = spawn(
      process.execPath,
      [BIN, 'generate', 'ts/server', 'md/policy', '--watch', '--catalog', dir, '--root', root],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const until = async (pattern: RegExp, from: number) => {
      for (let i = 0; i < 300 && !pattern.test(output.slice(from)); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output.slice(from)).toMatch(pattern);
    };
    try {
      await until(/watching/, 0);
      const server = join(root, 'packages/server/src/generated/cookies.ts');
      const markdown = join(root, 'packages/docs/src/generated/markdown');
      const serverStamp = (await stat(server)).mtimeMs;

      // A purpose is policy text: the Markdown changes, the server module does not.
      const policyFile = join(dir, 'sections', 'en', 'contact.md');
      const before = output.length;
      await writeFile(policyFile, `${await readFile(policyFile, 'utf8')}\nA new sentence.\n`);
      await until(/md\/policy: wrote \d+ files? to .*\(\d+ unchanged\)[\s\S]*watching/, before);
      expect(await readFile(join(markdown, 'en.md'), 'utf8')).toContain('A new sentence.');
      expect((await stat(server)).mtimeMs).toBe(serverStamp);
      expect(output.slice(before)).not.toMatch(/ts\/server/);

      // Broken: the problems, then nothing written.
      const broken = output.length;
      await writeFile(policyFile, 'A newer sentence.\n');
      await writeFile(join(dir, 'policy.yaml'), 'locales: [\n');
      await until(
        /policy\.yaml:\d+:\d+[\s\S]*nothing was written[\s\S]*waiting for the next change/,
        broken,
      );
      expect(await readFile(join(markdown, 'en.md'), 'utf8')).not.toContain('A newer sentence.');
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  }, 60_000);
});
