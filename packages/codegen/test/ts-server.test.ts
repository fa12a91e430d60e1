import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runGenerator } from '../src/generator.js';
import { tsServerGenerator } from '../src/generators/index.js';
import { COMPILE_TIMEOUT, compileStrict } from './compile-strict.js';
import { loadFixtureCatalog } from './fixture-catalog.js';

const golden = (path: string) => fileURLToPath(new URL(`./golden/${path}`, import.meta.url));
const generateBasic = async () =>
  runGenerator(tsServerGenerator, await loadFixtureCatalog('basic'));

describe('ts/server on the basic fixture catalog', () => {
  it('matches the golden output (update with `npx vitest run -u`)', async () => {
    const files = await generateBasic();
    expect(files.map((f) => f.path)).toEqual(['cookies.ts', 'index.ts']);
    await expect(files[0]?.contents).toMatchFileSnapshot(golden('basic/server/cookies.ts'));
    // The package's entry: the generated module and the run-time names apps use with it.
    await expect(files[1]?.contents).toMatchFileSnapshot(golden('basic/server/index.ts'));
  });

  it('is deterministic', async () => {
    expect(await generateBasic()).toEqual(await generateBasic());
  });

  it(
    'compiles in strict mode, and what must not compile does not',
    () => {
      const diagnostics = compileStrict([
        golden('basic/server/cookies.ts'),
        golden('basic/server/index.ts'),
        fileURLToPath(new URL('./type-tests/server.types.ts', import.meta.url)),
      ]);
      expect(diagnostics).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );

  it(
    'really rejects a wrong enum member (the type test is not vacuous)',
    () => {
      const probe = fileURLToPath(new URL('./type-tests/probe.ts', import.meta.url));
      const diagnostics = compileStrict([], {
        [probe]:
          "import { serializeTheme } from '../golden/basic/server/cookies.js';\nserializeTheme('blue');\n",
      });
      expect(diagnostics.join('\n')).toMatch(
        /probe\.ts:2: Argument of type '"blue"' is not assignable/,
      );
    },
    COMPILE_TIMEOUT,
  );

  it('emits functions only for first-party cookies', async () => {
    const [file] = await generateBasic();
    const exported = [
      ...(file?.contents ?? '').matchAll(/^export (?:function|const|type) (\w+)/gm),
    ].map((m) => m[1]);
    for (const id of ['SessionId', 'Theme', 'Visits', 'Beta', 'Prefs', 'Note', 'Shard']) {
      expect(exported).toEqual(
        expect.arrayContaining([
          `serialize${id}`,
          `set${id}`,
          `delete${id}`,
          `read${id}`,
          `${id}Value`,
        ]),
      );
    }
    expect(exported.filter((name) => /Tracker|Draft|Opened/.test(name ?? ''))).toEqual([]);
  });
});
