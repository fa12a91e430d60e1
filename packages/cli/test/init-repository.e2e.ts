import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { init, writeTodos } from './init-repository.js';
import { packedToolchain } from './packed-toolchain.js';

// End to end, outside `npm test`: a whole new repository installed from npm's cache, built and
// tested (half a minute of two cores alone, a minute beside the main suite). CI runs it as a
// step of its own, like the example catalogs: `npm run test:e2e`.
const exec = promisify(execFile);

describe('a repository written by cookie-catalog init', () => {
  it('installs the packed toolchain, builds, and passes its own tests', async () => {
    const { dir } = await init(['--locales', 'en,fi', '--scope', '@acme', '--name', 'Acme Oy']);
    await writeTodos(dir);
    // The toolchain from its tarballs, as npm would give it; every other package from the cache.
    const packed = await packedToolchain();
    const manifests = [
      'package.json',
      ...(await readdir(dir, { recursive: true })).filter((f) =>
        /^(packages|apps)\/[^/]+\/package\.json$/.test(f),
      ),
    ];
    for (const file of manifests) {
      const manifest = JSON.parse(await readFile(join(dir, file), 'utf8'));
      for (const field of ['dependencies', 'devDependencies'])
        for (const name of Object.keys(manifest[field] ?? {}))
          if (packed[name]) manifest[field][name] = packed[name];
      // The toolchain's own dependencies on each other, from the same tarballs.
      if (file === 'package.json') manifest.overrides = packed;
      await writeFile(join(dir, file), `${JSON.stringify(manifest, null, 2)}\n`);
    }
    const env = {
      ...process.env,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      TURBO_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
    };
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      env,
    });
    await exec('npm', ['run', 'build'], { cwd: dir, env });
    // Generated packages hold generated code only: init writes no source, generate writes it all.
    const sources = (await readdir(join(dir, 'packages'), { recursive: true })).filter((file) =>
      /^[^/]+\/src\//.test(file),
    );
    expect(sources).toContain('server/src/generated/index.ts');
    expect(sources.filter((file) => !/^[^/]+\/src\/generated(\/|$)/.test(file))).toEqual([]);
    const consent = await readFile(join(dir, 'packages/consent/src/generated/server.ts'), 'utf8');
    expect(consent).toContain("from '@acme/cookies-server'");
    const tested = await exec('npm', ['test'], { cwd: dir, env: { ...env, NO_COLOR: '1' } });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colours, if any, are removed
    const summary = tested.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(summary).toMatch(/Tests\s+\d+ passed/);
    expect(summary).not.toMatch(/failed/);
  }, 600_000);
});
