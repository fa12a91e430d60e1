import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TURBO = join(REPO, 'node_modules', 'turbo', 'bin', 'turbo');

/** turbo's hash of each task the site's build runs, as a dry run computes it in `cwd`. */
async function taskHashes(cwd: string): Promise<Record<string, string>> {
  const { stdout } = await exec(
    process.execPath,
    [TURBO, 'run', 'build', '--dry=json', '--filter=@cookie-catalog/docs-site'],
    {
      cwd,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const plan = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
    tasks: { taskId: string; hash: string }[];
  };
  return Object.fromEntries(plan.tasks.map((task) => [task.taskId, task.hash]));
}

describe("turbo's cache follows the catalog", () => {
  let worktree: string | undefined;
  afterAll(async () => {
    if (worktree) await exec('git', ['worktree', 'remove', '--force', worktree], { cwd: REPO });
  });

  it('a catalog edit changes the hash of the site build, so the next build shows it', async () => {
    worktree = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-worktree-')), 'repo');
    await exec('git', ['worktree', 'add', '--detach', worktree, 'HEAD'], { cwd: REPO });
    const before = await taskHashes(worktree);
    // Any edit legal makes, to any catalog: here a comment at the end of policy.yaml.
    const file = join(worktree, 'catalog', 'policy.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}\n# edited\n`);
    const after = await taskHashes(worktree);
    // The packages by the names the catalog gives them (policy.yaml `packages`).
    const name = async (folder: string) =>
      JSON.parse(await readFile(join(worktree as string, folder, 'package.json'), 'utf8')).name;
    for (const task of [
      `${await name('packages/policy-table')}#generate`,
      `${await name('packages/docs')}#generate`,
      `${await name('apps/docs')}#build`,
    ]) {
      expect(before[task], task).toBeDefined();
      expect(after[task], task).not.toBe(before[task]);
    }
  }, 60_000);
});
