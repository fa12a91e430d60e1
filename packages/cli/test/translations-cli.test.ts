import { access, cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editedCatalog, lineOf } from '../../catalog/test/catalog-copy.js';
import { runCli } from './run-cli.js';

const run = (args: string[], cwd: string) => runCli(args, cwd);

const stale = (text: string) =>
  text.split('\n').filter((line) => line.includes('i18n/stale-translation'));

describe('translations stay honest', () => {
  it('the real catalog has every translation reviewed', async () => {
    const dir = await editedCatalog([]);
    const { code, stdout } = await run(['validate', '--catalog', 'catalog'], dirname(dir));
    expect(code).toBe(0);
    expect(stale(stdout)).toEqual([]);
  });

  it('changing an English purpose alone makes its Swedish translation stale; marking it reviewed clears it', async () => {
    const dir = await editedCatalog([
      {
        file: 'cookies/language.yaml',
        find: 'en: Remembers the language you chose for our pages.',
        with: 'en: Remembers which language you picked for our pages and e-mails.',
      },
    ]);
    const cwd = dirname(dir);
    const before = await run(['validate', '--catalog', 'catalog'], cwd);
    expect(before.code).toBe(0); // a warning, not an error
    const line = await lineOf(dir, 'cookies/language.yaml', '  sv: Kommer ihåg vilket språk');
    expect(stale(before.stdout)).toEqual([
      `catalog/cookies/language.yaml:${line}:7  i18n/stale-translation  warning: the English text of cookies/language.yaml#purpose changed after the Swedish translation was last reviewed (GDPR art. 12(1))`,
    ]);
    expect((await run(['validate', '--catalog', 'catalog', '--strict'], cwd)).code).toBe(1);

    const reviewed = await run(
      ['translations', 'reviewed', '--locale', 'sv', '--catalog', 'catalog'],
      cwd,
    );
    expect(reviewed.code).toBe(0);
    expect(reviewed.stdout).toMatch(
      /marked the sv translations as reviewed in catalog\/translations\.yaml/,
    );
    expect(await readFile(join(dir, 'translations.yaml'), 'utf8')).toMatch(
      /"cookies\/language\.yaml#purpose": "[0-9a-f]{10}"/,
    );
    const after = await run(['validate', '--catalog', 'catalog'], cwd);
    expect(stale(after.stdout)).toEqual([]);
  });

  it('a changed English section makes the Swedish section file stale', async () => {
    const dir = await editedCatalog([
      { file: 'sections/en/changes.md', find: 'When we change', with: 'Whenever we change' },
    ]);
    const { stdout } = await run(['validate', '--catalog', 'catalog'], dirname(dir));
    expect(stale(stdout)).toEqual([
      'catalog/sections/sv/changes.md:1:1  i18n/stale-translation  warning: the English text of sections/changes.md changed after the Swedish translation was last reviewed (GDPR art. 12(1))',
    ]);
  });

  it('refuses a locale the catalog does not translate into', async () => {
    const dir = await editedCatalog([]);
    const { code, stderr } = await run(
      ['translations', 'reviewed', '--locale', 'fr', '--catalog', 'catalog'],
      dirname(dir),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/fr is not a translated locale of this catalog \(sv\)/);
  });

  it('an English-only catalog needs no translations.yaml, and the command says so instead of writing one', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-')), 'catalog');
    await cp(
      fileURLToPath(new URL('../../codegen/test/fixtures/hostile/catalog/', import.meta.url)),
      dir,
      {
        recursive: true,
      },
    );
    // Valid, with no translation problem at all. (Not --strict: this fixture's domains are
    // example.com on purpose, which domain/placeholder warns about.)
    const validated = await run(['validate', '--catalog', 'catalog'], dirname(dir));
    expect(validated.code).toBe(0);
    expect(`${validated.stdout}${validated.stderr}`).not.toMatch(/i18n\//);
    const reviewed = await run(['translations', 'reviewed', '--catalog', 'catalog'], dirname(dir));
    expect(reviewed.code).toBe(0);
    expect(reviewed.stdout).toMatch(/nothing to review: the catalog is in one language \(en\)/);
    await expect(access(join(dir, 'translations.yaml'))).rejects.toThrow();
  });
});
