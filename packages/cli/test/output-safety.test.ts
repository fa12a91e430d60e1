import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generators } from '@cookie-catalog/codegen';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runCli } from './run-cli.js';

/** A folder of the user's own: two files and a subfolder, as a link might point at. */
async function usersFolder(): Promise<{ dir: string; listing: () => Promise<string[]> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cookie-catalog-users-'));
  await writeFile(join(dir, 'thesis.txt'), 'years of work\n');
  await mkdir(join(dir, 'photos'));
  await writeFile(join(dir, 'photos', 'cat.jpg'), 'meow');
  const listing = async () =>
    (await readdir(dir, { recursive: true })).map((p) => p.split('\\').join('/')).sort();
  return { dir, listing };
}

const USERS_FILES = ['photos', 'photos/cat.jpg', 'thesis.txt'];

/** One line on stderr, with exit code 2 and no stack trace. */
function expectOneLineRefusal(result: { code: number; stderr: string; stdout: string }) {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('generate writes only real folders inside the repository', () => {
  it('refuses an output folder that is a symbolic link, and leaves the linked folder as it was', async () => {
    const catalog = await editedCatalog([]);
    const root = dirname(catalog);
    for (const generator of generators.list()) {
      const users = await usersFolder();
      const outDir = join(root, generator.outDir);
      await mkdir(dirname(outDir), { recursive: true });
      await symlink(users.dir, outDir);
      const result = await runCli(['generate', generator.id, '--catalog', catalog], root);
      expectOneLineRefusal(result);
      expect(result.stderr).toContain(`${generator.outDir} is a symbolic link`);
      expect(result.stderr).toMatch(/nothing was written/);
      expect(await users.listing()).toEqual(USERS_FILES);
      expect(await readFile(join(users.dir, 'thesis.txt'), 'utf8')).toBe('years of work\n');
      // Without the link it writes as always.
      await rm(outDir);
      expect((await runCli(['generate', generator.id, '--catalog', catalog], root)).code).toBe(0);
    }
  });

  it('refuses an output folder inside a linked folder, and writes nothing for any generator', async () => {
    const catalog = await editedCatalog([]);
    const root = dirname(catalog);
    const [first] = generators.list();
    if (!first) throw new Error('test bug: no generators registered');
    const [top] = first.outDir.split('/');
    // The link is the output folder's top folder (packages/): the users' folder holds a real
    // output folder of its own, with their files in it.
    const users = await usersFolder();
    const inside = join(users.dir, first.outDir.split('/').slice(1).join('/'));
    await mkdir(inside, { recursive: true });
    await writeFile(join(inside, 'mine.txt'), 'mine');
    await symlink(users.dir, join(root, top as string));
    const before = await users.listing();
    const result = await runCli(['generate', '--catalog', catalog], root);
    expectOneLineRefusal(result);
    expect(result.stderr).toContain(`${top} is a symbolic link`);
    expect(await users.listing()).toEqual(before);
    expect(await readFile(join(inside, 'mine.txt'), 'utf8')).toBe('mine');
  });
});

describe('init, import and export write only where the command line says, never through a link', () => {
  it('init refuses a folder that is a link, or inside one', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cookie-catalog-init-'));
    const users = await usersFolder();
    const empty = await mkdtemp(join(tmpdir(), 'cookie-catalog-empty-'));
    await symlink(empty, join(parent, 'acme'));
    const linked = await runCli(['init', 'acme', '--scope', '@acme'], parent);
    expectOneLineRefusal(linked);
    expect(linked.stderr).toMatch(/acme is a symbolic link/);
    expect(await readdir(empty)).toEqual([]);

    await symlink(users.dir, join(parent, 'work'));
    const under = await runCli(['init', 'work/acme', '--scope', '@acme'], parent);
    expectOneLineRefusal(under);
    expect(under.stderr).toMatch(/work is a symbolic link/);
    expect(await users.listing()).toEqual(USERS_FILES);
  });

  it('export --out refuses a link, a folder, and a path through a link; the target stays as it was', async () => {
    const catalog = await editedCatalog([]);
    const cwd = dirname(catalog);
    const users = await usersFolder();
    await symlink(join(users.dir, 'thesis.txt'), join(cwd, 'catalog.json'));
    await symlink(users.dir, join(cwd, 'out'));
    for (const [out, says] of [
      ['catalog.json', /catalog\.json is a symbolic link/],
      ['out/catalog.json', /out is a symbolic link/],
      ['.', /is a folder; .*Name a file/],
    ] as const) {
      const result = await runCli(
        ['export', '--format', 'json/catalog', '--catalog', catalog, '--out', out],
        cwd,
      );
      expectOneLineRefusal(result);
      expect(result.stderr).toMatch(says);
    }
    expect(await users.listing()).toEqual(USERS_FILES);
    expect(await readFile(join(users.dir, 'thesis.txt'), 'utf8')).toBe('years of work\n');
    const written = await runCli(
      ['export', '--format', 'json/catalog', '--catalog', catalog, '--out', 'real/catalog.json'],
      cwd,
    );
    expect(written.code, written.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(cwd, 'real/catalog.json'), 'utf8'))).toBeTypeOf('object');
  });

  it('import --out refuses a link and a file in one line, exit 2; the default folder too', async () => {
    const catalog = await editedCatalog([]);
    const cwd = dirname(catalog);
    const csv = join(cwd, 'rows.csv');
    const exported = await runCli(
      ['export', '--format', 'csv/ocd', '--catalog', catalog, '--out', csv],
      cwd,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const users = await usersFolder();
    await symlink(users.dir, join(cwd, 'drafts'));
    await writeFile(join(cwd, 'notes.txt'), 'mine');
    for (const [out, says] of [
      ['drafts', /drafts is a symbolic link/],
      ['drafts/new', /drafts is a symbolic link/],
      ['notes.txt', /notes\.txt is a file, not a folder/],
    ] as const) {
      const result = await runCli(
        ['import', '--from', 'ocd-csv', csv, '--catalog', catalog, '--out', out],
        cwd,
      );
      expectOneLineRefusal(result);
      expect(result.stderr).toMatch(says);
    }
    expect(await users.listing()).toEqual(USERS_FILES);
    expect(await readFile(join(cwd, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('import reads what it can hold, and names files that file systems can hold', () => {
  /** A CSV in the Open Cookie Database's columns, from our own export's header. */
  async function ocdCsv(cwd: string, catalog: string, rows: readonly string[]): Promise<string> {
    const path = join(cwd, 'export.csv');
    await runCli(['export', '--format', 'csv/ocd', '--catalog', catalog, '--out', path], cwd);
    const [head] = (await readFile(path, 'utf8')).split('\r\n');
    const file = join(cwd, 'rows.csv');
    await writeFile(file, `${head}\r\n${rows.join('\r\n')}\r\n`);
    return file;
  }

  it('refuses a file larger than it reads, saying how large it is and the limit', async () => {
    const catalog = await editedCatalog([]);
    const cwd = dirname(catalog);
    const big = join(cwd, 'big.csv');
    await writeFile(big, '');
    await truncate(big, 40 * 1024 * 1024);
    const result = await runCli(['import', '--from', 'ocd-csv', big, '--catalog', catalog], cwd);
    expectOneLineRefusal(result);
    expect(result.stderr).toMatch(/big\.csv is 40 MB, more than the 32 MB import reads/);
  });

  it('stops reading a device that never ends (/dev/zero) at the limit', async () => {
    if (!(await stat('/dev/zero').catch(() => undefined))) return;
    const catalog = await editedCatalog([]);
    const result = await runCli(
      ['import', '--from', 'ocd-csv', '/dev/zero', '--catalog', catalog],
      dirname(catalog),
    );
    expectOneLineRefusal(result);
    expect(result.stderr).toMatch(/\/dev\/zero is larger than the 32 MB import reads/);
  });

  it('gives a 300-character name a short id and file name, and many equal names their own ids', async () => {
    const catalog = await editedCatalog([]);
    const cwd = dirname(catalog);
    const long = `c${'x'.repeat(299)}`;
    const row = (name: string, id: number) =>
      `r${id},Vendor,Analytics,${name},example.com (3rd party),Counts visits,1 year,Vendor Inc,,0`;
    const csv = await ocdCsv(cwd, catalog, [
      row(long, 1),
      ...Array.from({ length: 300 }, (_, i) => row('same', i + 2)),
    ]);
    const out = join(cwd, 'drafts');
    const result = await runCli(
      ['import', '--from', 'ocd-csv', csv, '--catalog', catalog, '--out', out],
      cwd,
    );
    expect(result.code, result.stderr).toBe(0);
    const files = await readdir(out);
    expect(files).toHaveLength(301);
    expect(Math.max(...files.map((f) => Buffer.byteLength(f)))).toBeLessThanOrEqual(64 + 5);
    const longDraft = files.find((f) => f.startsWith('cxxx')) ?? '';
    expect(await readFile(join(out, longDraft), 'utf8')).toContain(`name: "${long}"`);
    expect(files.filter((f) => /^same(_\d+)?\.yaml$/.test(f))).toHaveLength(300);
  });
});

describe('bad arguments to generate, init, import and export', () => {
  it('are one line each, exit 2, never a stack trace, with what was typed shown rather than obeyed', async () => {
    const catalog = await editedCatalog([]);
    const cwd = dirname(catalog);
    await mkdir(join(cwd, 'a-folder'));
    await writeFile(join(cwd, 'a-file'), 'mine');
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['constructor'], /unknown command "constructor"/],
      [['export', '--format', 'json/catalog', '--root', 'x'], /export does not take --root/],
      [['import', '--from', 'ocd-csv', 'f.csv', '--locale', 'sv'], /import does not take --locale/],
      [['init', 'x', '--scope', '@acme', '--check'], /init does not take --check/],
      [['generate', '--formt', 'x'], /unknown option --formt/],
      [['generate', 'no/such'], /unknown generator "no\/such"/],
      [['generate', '--catalog', catalog, '--root', 'a-file'], /--root a-file is not a folder/],
      [['generate', '--watch', '--check'], /--watch is for generate, without --check/],
      [['generate', '--watch', '--catalog', 'a-file'], /a-file is not a folder/],
      [['export', '--format', 'json/catalog', '--out'], /--out needs a value/],
      [['export', '--format', 'json/catalog', '--out', ''], /--out needs a value, and it is empty/],
      [['export', '--format', 'json/catalog', 'extra'], /export takes no argument "extra"/],
      [['export', '--format', 'x\u001b[31m'], /unknown export format "x\\u\{1B\}\[31m"/],
      [
        ['export', '--catalog', catalog, '--format', 'json/catalog', '--locale', 'xx'],
        /--locale xx/,
      ],
      [['import', '--from', 'ocd-csv'], /say which file to import/],
      [['import', '--from', 'ocd-csv', 'a', 'b'], /import reads one file, not 2/],
      [['import', '--from', 'xls', 'a'], /import reads --from ocd-csv/],
      [['import', '--from', 'ocd-csv', 'a-folder', '--catalog', catalog], /a-folder is a folder/],
      [
        ['import', '--from', 'ocd-csv', 'missing.csv', '--catalog', catalog],
        /cannot read missing\.csv/,
      ],
      [['init', 'a', 'b'], /init writes one folder/],
      [['init', 'x', '--scope', '@acme', '--name', 'Acme\n# Owned'], /--name takes .* one line/],
      [['init', 'a-file', '--scope', '@acme'], /a-file is a file/],
    ];
    for (const [args, says] of cases) {
      const result = await runCli(args, cwd);
      expectOneLineRefusal(result);
      expect(result.stderr, args.join(' ')).toMatch(says);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      expect(result.stderr.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    expect(await readFile(join(cwd, 'a-file'), 'utf8')).toBe('mine');
  });

  it('what the system refuses (a folder without write permission) is one line too', async (context) => {
    if (process.getuid?.() === 0) context.skip(); // root may write anywhere
    const catalog = await editedCatalog([]);
    const cwd = dirname(catalog);
    const { chmod } = await import('node:fs/promises');
    await mkdir(join(cwd, 'locked'));
    await chmod(join(cwd, 'locked'), 0o500);
    const result = await runCli(
      ['export', '--format', 'json/catalog', '--catalog', catalog, '--out', 'locked/c.json'],
      cwd,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/EACCES.*locked/);
  });
});

describe('a lone surrogate in the catalog', () => {
  it('is a located validate error, and no export or JSON report ever holds one', async () => {
    const file = 'cookies/language.yaml';
    const catalog = await editedCatalog([
      {
        file,
        find: '  en: Remembers the language you chose for our pages.',
        with: '  en: "Remembers the language \\ud800 you chose for our pages."',
      },
    ]);
    const cwd = dirname(catalog);
    const lines = (await readFile(join(catalog, file), 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('\\ud800')) + 1;

    const report = await runCli(['validate', '--format', 'json', '--catalog', catalog], cwd);
    expect(report.code).toBe(1);
    // Strict: the bytes are UTF-8, and no parsed string is half a pair.
    const bytes = new TextEncoder().encode(report.stdout);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(report.stdout);
    const strings: string[] = [];
    const parsed = JSON.parse(report.stdout, (_key, value) => {
      if (typeof value === 'string') strings.push(value);
      return value;
    });
    expect(strings.every((s) => s.isWellFormed())).toBe(true);
    expect(parsed.problems).toContainEqual(
      expect.objectContaining({ rule: 'text/lone-surrogate', file: join('catalog', file), line }),
    );

    for (const format of ['json/catalog', 'csv/ocd', 'json/tcf-device-storage']) {
      const out = join(cwd, `export-${format.replace('/', '-')}`);
      const exported = await runCli(
        ['export', '--format', format, '--catalog', catalog, '--out', out],
        cwd,
      );
      expect(exported.code, format).toBe(1);
      expect(exported.stdout).toBe('');
      expect(exported.stderr).toMatch(/text\/lone-surrogate/);
      expect(exported.stderr).toMatch(/nothing was exported/);
      await expect(stat(out)).rejects.toThrow();
    }
  });
});
