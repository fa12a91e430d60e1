import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { editedCatalog, REAL_CATALOG } from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';
import { scanProject } from '../src/index.js';
import { loadProject } from '../src/project.js';

const PROJECT = fileURLToPath(new URL('./fixtures/project/', import.meta.url));
const REPO = dirname(REAL_CATALOG);

/**
 * The fixture's catalog: the frozen invoicing catalog, plus a local-storage key (`theme`) and a
 * cookie that an analytics vendor sets under a pattern (`_ga_{measurementId}`), so that declared
 * storage and a pattern both have something to match.
 */
async function fixtureCatalog(): Promise<{ dir: string; catalog: Catalog }> {
  const dir = await editedCatalog([
    {
      file: 'cookies/theme.yaml',
      with: [
        'id: theme',
        'name: theme',
        'kind: localStorage',
        'category: necessary',
        'provider: { party: first, domain: billogram.com }',
        'setBy: client',
        'lifetime: persistent',
        'purpose: { en: Remembers light or dark., sv: Kommer ihåg ljust eller mörkt. }',
      ].join('\n'),
    },
    {
      file: 'cookies/ga.yaml',
      with: [
        'id: ga_stream',
        'name: _ga_{measurementId}',
        'nameParameters:',
        '  measurementId:',
        '    type: string',
        '    example: G1234',
        '    description: { en: the stream, sv: strömmen }',
        'kind: cookie',
        'category: necessary',
        'provider: { party: first, name: Google, domain: billogram.com }',
        'setBy: vendor',
        'lifetime: { statedByProvider: 2 years }',
        'purpose: { en: Counts visits., sv: Räknar besök. }',
      ].join('\n'),
    },
  ]);
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog) throw new Error(problems.map((p) => p.message).join('\n'));
  return { dir, catalog };
}

/** What the fixture's own comments say scan must find: `// expect <rule>` on the line. */
async function expectedFindings(): Promise<string[]> {
  const expected: string[] = [];
  for (const entry of await readdir(join(PROJECT, 'src'), { recursive: true })) {
    const path = join(PROJECT, 'src', entry);
    if (!/\.(ts|js|vue|svelte)$/.test(path)) continue;
    (await readFile(path, 'utf8')).split('\n').forEach((line, index) => {
      const rule = /\/\/ expect (scan\/[a-z-]+)/.exec(line)?.[1];
      if (rule) expected.push(`${relative(PROJECT, path)}:${index + 1} ${rule}`);
      if (/cookie-catalog-ignore:\s*$/.test(line))
        expected.push(`${relative(PROJECT, path)}:${index + 1} scan/ignore-reason`);
    });
  }
  return expected.sort();
}

describe('cookie-catalog scan on a project with every hand-written form', () => {
  // One scan (a TypeScript program of the project, seconds on two cores) for the two tests that
  // read its result.
  let scanned: ReturnType<typeof scanProject> | undefined;
  const scan = async () => {
    const { catalog } = await fixtureCatalog();
    scanned ??= scanProject(catalog, { cwd: PROJECT, paths: [], tsconfig: undefined });
    return scanned;
  };

  it('reports each form exactly once with its rule, and nothing else', async () => {
    const result = await scan();
    const found = result.problems
      .map((p) => `${relative(PROJECT, p.file)}:${p.line} ${p.rule}`)
      .sort();
    expect(found).toEqual(await expectedFindings());
    // Generated code is the API, never a finding; components' scripts are read.
    expect(result.calls.some((c) => c.file.includes('generated'))).toBe(false);
    expect(result.calls.some((c) => c.file.endsWith('Widget.vue'))).toBe(true);
  });

  it('resolves names through aliases, constants, templates and re-exports', async () => {
    const { calls } = await scan();
    const named = (api: RegExp) =>
      calls.filter((c) => api.test(c.api)).map((c) => c.name?.map((p) => p ?? '*').join(''));
    expect(named(/^res\.cookie/)).toEqual(['sess_id']); // a const built from a template
    expect(named(/^hono/)).toEqual(['g_cookie', 'language']); // re-exported under another name
    expect(named(/^js-cookie/)).toEqual(['j_cookie', 'language']); // a re-exported default
    expect(named(/^document\.cookie =/)).toContain('_ga_*'); // a template with a hole
    const where = (name: string) => calls.find((c) => c.name?.join('') === name);
    expect(where('tracking_id')).toMatchObject({ api: 'document.cookie =', access: 'write' });
    expect(where('vue_key')).toMatchObject({ line: 7, column: 3 }); // its place in the .vue file
    expect(where('access_token')?.access).toBe('delete'); // Max-Age=0
  });

  it("reads the project's own files, not its dependencies' types or the standard library", async () => {
    // The fixture imports cookie, hono, js-cookie and next, which are installed here, and its
    // tsconfig asks for the DOM library: none of it is what the scan reads (see OWN_CODE_ONLY).
    const { project, files } = await loadProject({ cwd: PROJECT, paths: [], tsconfig: undefined });
    const inProgram = project
      .getProgram()
      .compilerObject.getSourceFiles()
      .map((file) => relative(PROJECT, file.fileName));
    expect(
      inProgram.filter((name) => name.startsWith('..') || name.includes('node_modules')),
    ).toEqual([]);
    expect(inProgram.length).toBeGreaterThanOrEqual(files.length);
  });

  it('the CLI: text like validate, exit 1 on errors, SARIF 2.1.0 that validates', async () => {
    const { dir, catalog } = await fixtureCatalog();
    const text = await runCli(['scan', 'src', '--catalog', dir], PROJECT);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /^src\/browser\.ts:3:1 {2}scan\/undeclared {2}document\.cookie = writes the cookie "tracking_id", which the catalog does not declare/m,
    );
    // The fix names the generated writer of the entry the fixture's page script writes by hand.
    const language = catalog.entries.find((e) => e.name.pattern === 'language');
    expect(text.stdout).toContain(
      `fix: use write${language?.functionName}() from the client package`,
    );
    expect(text.stdout).toMatch(/✗ \d+ errors, \d+ warnings, \d+ notes in 9 files/);

    const sarif = await runCli(['scan', '--catalog', dir, '--format', 'sarif'], PROJECT);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    const schemaPath = join(
      dirname(createRequire(import.meta.url).resolve('@microsoft/jest-sarif')),
      'schemas',
      'sarif-2.1.0-rtm.5.json',
    );
    const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
    // Written for draft-04 (`id`); read with ajv's draft-07, whose keywords it uses the same way.
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(
      schema,
    );
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // The schema does judge: a result at an unknown level is not SARIF.
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
    const results = log.runs[0].results as { ruleId: string; level: string; locations: unknown }[];
    expect(results.length).toBe((await expectedFindings()).length);
    expect(new Set(results.map((r) => r.level))).toEqual(new Set(['error', 'warning', 'note']));
    expect(JSON.stringify(results)).toContain('"uri":"src/Widget.vue"');

    const json = await runCli(['scan', '--catalog', dir, '--format', 'json'], PROJECT);
    const report = JSON.parse(json.stdout);
    expect(report.problems.length).toBe(results.length);
    expect(report.calls.length).toBeGreaterThan(report.problems.length);
  });

  it('a path that is not there is a clear error, not a stack trace', async () => {
    const { dir } = await fixtureCatalog();
    const { code, stderr } = await runCli(['scan', 'no-such-folder', '--catalog', dir], PROJECT);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-such-folder does not exist/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

// apps/demo is our own app and may be set aside (a foreign catalog in catalog/): what is there.
const OWN_APPS = ['apps/demo', 'apps/docs'].filter((app) => existsSync(join(REPO, app)));

describe('our own apps scan clean', () => {
  it.each(OWN_APPS.map((app) => [app]))('%s', async (app) => {
    const { code, stdout, stderr } = await runCli(['scan', app, '--catalog', 'catalog'], REPO);
    expect(stderr, stderr).toBe('');
    expect(stdout).toMatch(/✓ no hand-written cookie or storage access in \d+ files/);
    expect(code).toBe(0);
  });
});

describe('a code base that changes while it is scanned', () => {
  it('folders and files that come and go (a dev server rewriting its cache) are not an error', async () => {
    const { catalog } = await fixtureCatalog();
    const dir = await mkdtemp(join(tmpdir(), 'cookie-catalog-scan-churn-'));
    await cp(PROJECT, join(dir, 'app'), { recursive: true });
    const expected = (
      await scanProject(catalog, { cwd: join(dir, 'app'), paths: [], tsconfig: undefined })
    ).problems.length;
    // While the scans run, folders full of scripts appear and vanish beside the project's files,
    // the way Vite's deps_temp_* folders do. Whatever the timing, the project's own findings stay.
    let churning = true;
    const churn = (async () => {
      for (let round = 0; churning; round++) {
        const folder = join(dir, 'app', `deps_temp_${round % 4}`, 'deep');
        await mkdir(folder, { recursive: true });
        for (let i = 0; i < 20; i++) await writeFile(join(folder, `chunk-${i}.js`), 'export {};\n');
        await rm(join(dir, 'app', `deps_temp_${(round + 2) % 4}`), {
          recursive: true,
          force: true,
        });
      }
    })();
    try {
      for (let scan = 0; scan < 5; scan++) {
        const result = await scanProject(catalog, {
          cwd: join(dir, 'app'),
          paths: [],
          tsconfig: undefined,
        });
        expect(result.problems.length).toBe(expected);
      }
    } finally {
      churning = false;
      await churn;
    }
  });
});
