import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runGenerator } from '../src/generator.js';
import { tsClientGenerator } from '../src/generators/index.js';
import { COMPILE_TIMEOUT, compileStrict } from './compile-strict.js';
import { loadFixtureCatalog } from './fixture-catalog.js';

const golden = (path: string) => fileURLToPath(new URL(`./golden/${path}`, import.meta.url));
const generateBasic = async () =>
  runGenerator(tsClientGenerator, await loadFixtureCatalog('basic'));

describe('ts/client on the basic fixture catalog', () => {
  it('matches the golden output (update with `npx vitest run -u`)', async () => {
    const files = await generateBasic();
    expect(files.map((f) => f.path)).toEqual(['cookies.ts', 'index.ts']);
    await expect(files[0]?.contents).toMatchFileSnapshot(golden('basic/client/cookies.ts'));
    await expect(files[1]?.contents).toMatchFileSnapshot(golden('basic/client/index.ts'));
  });

  it('is deterministic', async () => {
    expect(await generateBasic()).toEqual(await generateBasic());
  });

  it(
    'compiles in strict mode with the DOM library, and what must not compile does not',
    () => {
      const files = [
        golden('basic/client/cookies.ts'),
        golden('basic/client/index.ts'),
        fileURLToPath(new URL('./type-tests/client.types.ts', import.meta.url)),
      ];
      expect(compileStrict(files, {}, { dom: true })).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );

  it('gives readers to script-visible cookies only, writers to client-set ones only, retired ones their remover alone', async () => {
    const [file] = await generateBasic();
    const functions = [
      ...(file?.contents ?? '').matchAll(/^export (?:function|const) ((?:read|write|remove)\w+)/gm),
    ]
      .map((m) => m[1])
      .sort();
    expect(functions).toEqual(
      [
        'readNote',
        'readNoteFrom',
        'writeNote',
        'removeNote', // client-set uri string
        'readPrefs',
        'readPrefsFrom', // server-set, script-visible JSON
        'readTheme',
        'readThemeFrom',
        'writeTheme',
        'removeTheme', // client-set enum
        'readVisits',
        'readVisitsFrom',
        'writeVisits',
        'removeVisits', // client-set integer
        'removeLayout', // client-set, retired: its remover alone
      ].sort(),
    );
  });

  it('pulls in no cookie library and no zod: only @cookie-catalog/runtime', async () => {
    const [file] = await generateBasic();
    expect([...(file?.contents ?? '').matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual([
      '@cookie-catalog/runtime',
    ]);
  });
});
