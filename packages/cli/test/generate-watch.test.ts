import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
      // The policy breaks first: a run between the two saves (on a loaded machine) sees it broken.
      await writeFile(join(dir, 'policy.yaml'), 'locales: [\n');
      await writeFile(policyFile, 'A newer sentence.\n');
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

  it('keeps watching when the catalog folder is replaced: removed and created again, or another moved to its name', async () => {
    const dir = await editedCatalog([]);
    const root = dirname(dir);
    const child = spawn(
      process.execPath,
      [BIN, 'generate', 'md/policy', '--watch', '--catalog', dir, '--root', root],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    let output = '';
    let exited: number | null | undefined;
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      exited = code;
    });
    const until = async (pattern: RegExp, from: number) => {
      for (let i = 0; i < 300 && !pattern.test(output.slice(from)) && exited === undefined; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(exited, output).toBeUndefined();
      expect(output.slice(from)).toMatch(pattern);
    };
    const markdown = join(root, 'packages/docs/src/generated/markdown/en.md');
    const contact = join('sections', 'en', 'contact.md');
    /** Waits (up to 30 s) until the generated policy holds these words, as a reader would see them. */
    const written = async (words: string) => {
      for (let i = 0; i < 300 && !(await readFile(markdown, 'utf8')).includes(words); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
    };
    try {
      await until(/watching/, 0);
      const copy = `${dir}-copy`;
      await cp(dir, copy, { recursive: true });

      // Removed, then created again from a copy with an edit (what a checkout of another branch does).
      let before = output.length;
      await rm(dir, { recursive: true });
      await until(/waiting for the next change/, before);
      before = output.length;
      await cp(copy, dir, { recursive: true });
      await writeFile(
        join(dir, contact),
        `${await readFile(join(copy, contact), 'utf8')}\nRestored.\n`,
      );
      await until(/md\/policy: wrote[\s\S]*watching/, before);
      await until(/watching/, before);
      await written('Restored.');
      expect(await readFile(markdown, 'utf8')).toContain('Restored.');

      // A later save in the new folder is still seen.
      before = output.length;
      await writeFile(
        join(dir, contact),
        `${await readFile(join(dir, contact), 'utf8')}\nSaved again.\n`,
      );
      await until(/md\/policy: wrote[\s\S]*watching/, before);
      await written('Saved again.');
      expect(await readFile(markdown, 'utf8')).toContain('Saved again.');

      // Another folder moved to its name in one step.
      before = output.length;
      await writeFile(
        join(copy, contact),
        `${await readFile(join(copy, contact), 'utf8')}\nMoved in.\n`,
      );
      await rm(dir, { recursive: true });
      await rename(copy, dir);
      await written('Moved in.');
      expect(await readFile(markdown, 'utf8')).toContain('Moved in.');
      before = output.length;
      await writeFile(
        join(dir, contact),
        `${await readFile(join(dir, contact), 'utf8')}\nAnd after.\n`,
      );
      await until(/md\/policy: wrote[\s\S]*watching/, before);
      // The log line may be a regeneration the move had already queued: wait for the words.
      await written('And after.');
      expect(await readFile(markdown, 'utf8')).toContain('And after.');
      expect(exited).toBeUndefined();
    } finally {
      child.kill();
      if (exited === undefined) await once(child, 'exit');
    }
  }, 90_000);
});

describe('generate --watch when the folder around the catalog goes', () => {
  it('stops with one line saying so, exit 1, instead of watching nothing', async () => {
    const dir = await editedCatalog([]);
    const root = dirname(dir);
    const child = spawn(
      process.execPath,
      [BIN, 'generate', 'md/policy', '--watch', '--catalog', dir, '--root', root],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    let output = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = once(child, 'exit');
    try {
      for (let i = 0; i < 300 && !/watching/.test(output); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toMatch(/watching/);
      await rm(root, { recursive: true });
      const [code] = await exited;
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n').at(-1)).toMatch(
        /^cookie-catalog: stopped watching .*: the folder .* was removed; run generate --watch again$/,
      );
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      child.kill();
    }
  }, 60_000);
});
