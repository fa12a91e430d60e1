import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './run-cli.js';

/*
 * CI and the release workflow run cookie-catalog commands that no other test runs as written: a
 * renamed command or flag would only show on GitHub. Every `cookie-catalog …` line of the
 * workflows and of the scripts they run is run here, with its flags, against this repository
 * (each is read-only; a git ref becomes the work tree as a commit, so a pull request's diff is
 * empty and needs no changeset, also while you have uncommitted catalog edits).
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The shell text CI runs: the workflows' `run:` steps and the scripts under .ci/. */
async function ciScripts(): Promise<{ file: string; text: string }[]> {
  const scripts: { file: string; text: string }[] = [];
  const workflows = join(REPO, '.github', 'workflows');
  for (const name of (await readdir(workflows)).filter((n) => /\.ya?ml$/.test(n))) {
    const workflow = parse(await readFile(join(workflows, name), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string; with?: Record<string, string> }[] }>;
    };
    for (const job of Object.values(workflow.jobs))
      for (const step of job.steps) {
        if (step.run) scripts.push({ file: `.github/workflows/${name}`, text: step.run });
        // changesets/action runs its `version` and `publish` inputs as commands.
        for (const input of ['version', 'publish'])
          if (step.with?.[input])
            scripts.push({ file: `.github/workflows/${name}`, text: step.with[input] });
      }
  }
  for (const name of await readdir(join(REPO, '.ci')))
    scripts.push({ file: `.ci/${name}`, text: await readFile(join(REPO, '.ci', name), 'utf8') });
  return scripts;
}

/**
 * The work tree's tracked files as a commit object (`git stash create`), touching nothing; empty
 * when the tree is clean. A commit needs a committer (CI machines have none configured), and
 * other tests run git in this repository at the same time: no optional index lock, and a retry.
 */
async function workTreeAsCommit(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { stdout } = await promisify(execFile)(
        'git',
        ['-c', 'user.name=cookie-catalog', '-c', 'user.email=test@localhost', 'stash', 'create'],
        { cwd: REPO, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      );
      return stdout.trim();
    } catch (error) {
      // HEAD is the work tree on a CI machine, where the tree is clean.
      if (attempt === 5) {
        console.warn(`git stash create failed, comparing with HEAD: ${String(error)}`);
        return '';
      }
      await new Promise((done) => setTimeout(done, 200 * attempt));
    }
  }
}

/** Each `cookie-catalog …` invocation as arguments, a git ref or base put as HEAD. */
function invocations(text: string, ref = 'HEAD'): string[][] {
  const found: string[][] = [];
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    const match = /\bnpx\s+cookie-catalog\s+([^|>;&\n]*)/.exec(line);
    if (!match?.[1]) continue;
    const args = (match[1].match(/"[^"]*"|'[^']*'|\S+/g) ?? [])
      .map((arg) => arg.replace(/^["']|["']$/g, ''))
      .map((arg) => (/^\$\{?base\}?$|^\$\{\{.*\}\}$|^origin\//.test(arg) ? ref : arg));
    found.push(args);
  }
  return found;
}

describe('every cookie-catalog command CI and the release workflow run', () => {
  it('runs as written: the commands and flags exist and succeed on this repository', async () => {
    // The work tree as a commit (tracked files), without touching it; HEAD when it is clean.
    const ref = (await workTreeAsCommit()) || 'HEAD';
    const all = (await ciScripts()).flatMap(({ file, text }) =>
      invocations(text, ref).map((args) => ({ file, args })),
    );
    // What CI must check: the catalog, its generated files, and a pull request's diff.
    const seen = all.map(({ args }) => args.join(' ').replace(ref, 'BASE'));
    expect(seen).toEqual(
      expect.arrayContaining([
        'validate --strict',
        'generate --check',
        'diff --base BASE --format markdown',
        'diff --base BASE --require-changeset',
      ]),
    );
    // `validate --strict` refuses warnings: it succeeds exactly when the catalog has none (ours
    // has none, and CI fails on the step itself otherwise; a catalog entered from a cookie page
    // keeps the warnings about what the page does not state until they are written or declined).
    const { warningCount } = await loadCatalog(join(REPO, 'catalog'));
    for (const { file, args } of all) {
      const result = await runCli(args, REPO);
      const strict = args[0] === 'validate' && args.includes('--strict');
      expect({ file, args, code: result.code, stderr: result.stderr }).toEqual({
        file,
        args,
        code: strict && warningCount > 0 ? 1 : 0,
        stderr: expect.not.stringMatching(/cookie-catalog: |internal error/),
      });
    }
  }, 120_000);

  it('finds an invocation with a flag the CLI does not know, and the CLI refuses it', async () => {
    const found = invocations(
      '  npx cookie-catalog validate --stritc\n  echo "cookie-catalog is not run here"\n',
    );
    expect(found).toEqual([['validate', '--stritc']]);
    const [args] = found;
    expect((await runCli(args ?? [], REPO)).code).toBe(2);
  });
});
