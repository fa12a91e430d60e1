import { readFile } from 'node:fs/promises';
import { formatProblemsMarkdown, formatProblemsText } from '@cookie-catalog/catalog';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  driftProblems,
  inventoryOf,
  lifetimesDiffer,
  parseBaseline,
  roundedLifetime,
  SCHEMA_VERSION,
} from './drift.js';
import { AuditInputError } from './errors.js';
import type { ObservedCookie, Pass } from './observe.js';

/*
 * Drift between two runs, without a browser: a committed report of schemaVersion 1 (before the
 * reject path and drift existed) is read as a baseline, compared with itself it shows nothing,
 * and each kind of change is one finding that names its pass.
 */

const V1 = new URL('../test/fixtures/baseline-v1.json', import.meta.url);
const v1Text = () => readFile(V1, 'utf8');

type Report = { schemaVersion: number; passes: Pass[] };

/** The fixture's passes, edited: the way the next run of the same site would see it. */
async function nextRun(edit: (report: Report) => void = () => {}): Promise<Pass[]> {
  const report = JSON.parse(await v1Text()) as Report;
  edit(report);
  return report.passes;
}

const cookie = (passes: Pass[], pass: number, name: string) =>
  passes[pass]?.cookies.find((c) => c.name === name) as {
    -readonly [K in keyof ObservedCookie]: ObservedCookie[K];
  };

describe('a baseline of schemaVersion 1', () => {
  it('is read, and a run that saw the same reports no drift', async () => {
    expect(SCHEMA_VERSION).toBe(2);
    const baseline = parseBaseline(await v1Text(), 'baseline-v1.json');
    expect(baseline.schemaVersion).toBe(1);
    expect([...baseline.inventory.keys()]).toEqual(['before consent', 'after consent']);
    const { problems, uncompared } = driftProblems(baseline, inventoryOf(await nextRun()));
    expect(problems).toEqual([]);
    expect(uncompared).toEqual([]);
  });

  it('a day later every expiry has moved, and still nothing drifted', async () => {
    const baseline = parseBaseline(await v1Text(), 'baseline-v1.json');
    const later = await nextRun((report) => {
      for (const pass of report.passes)
        for (const c of pass.cookies as ObservedCookie[] & { expires: number; seenAt: number }[]) {
          // A crawl reads the jar up to a minute after a cookie was set: the lifetime looks shorter.
          if (c.expires !== -1) (c as { expires: number }).expires += 86_400 - 50;
          (c as { seenAt: number }).seenAt += 86_400;
        }
    });
    expect(driftProblems(baseline, inventoryOf(later)).problems).toEqual([]);
  });

  it('reports each new, gone and changed item once, with its pass, as warnings', async () => {
    const baseline = parseBaseline(await v1Text(), 'baseline-v1.json');
    const changed = await nextRun((report) => {
      const before = report.passes[0] as Pass & { cookies: ObservedCookie[] };
      before.cookies = before.cookies.filter((c) => c.name !== 'sid');
      const csrf = cookie(report.passes, 0, 'csrftoken');
      csrf.secure = false;
      csrf.sameSite = 'None';
      // Moved: Domain added and Path narrowed.
      const zl = cookie(report.passes, 1, '__zlcmid');
      zl.domain = 'shop.example';
      zl.path = '/help';
      const js = cookie(report.passes, 0, 'undeclared_js');
      js.expires = js.seenAt + 2 * 3600; // 1 hour before
      before.cookies.push({ ...csrf, name: '_ga', secure: true, sameSite: 'Lax' });
      (before.storage as unknown[]).push({
        kind: 'sessionStorage',
        origin: 'https://shop.example',
        key: 'ab_test',
        page: 'https://shop.example/about',
      });
      (before as unknown as { requests: unknown[] }).requests = [
        {
          url: 'https://tracker.example:8443/p.gif',
          host: 'tracker.example:8443',
          type: 'image',
          invisible: true,
          page: 'https://shop.example/',
        },
      ];
    });
    const { problems } = driftProblems(baseline, inventoryOf(changed));
    expect(problems.map((p) => `${p.severity} ${p.rule} ${p.file} ${p.message}`).sort()).toEqual(
      [
        'warning audit/drift-changed https://shop.example/ before consent: the cookie csrftoken (shop.example/) changed since the baseline (baseline-v1.json): Secure dropped; SameSite=None instead of Lax',
        'warning audit/drift-changed https://shop.example/about before consent: the cookie undeclared_js (shop.example/) changed since the baseline (baseline-v1.json): kept 2 hours instead of 60 minutes',
        'warning audit/drift-gone https://shop.example/ before consent: the cookie sid (shop.example/) is gone since the baseline (baseline-v1.json)',
        'warning audit/drift-changed https://shop.example/ after consent: the cookie __zlcmid (shop.example/help) changed since the baseline (baseline-v1.json): Path=/help instead of /; host-only (shop.example) instead of Domain=shop.example',
        'warning audit/drift-gone https://shop.example/ before consent: the pages no longer load from fonts.example since the baseline (baseline-v1.json)',
        'warning audit/drift-new https://shop.example/ before consent: the cookie _ga (shop.example/) is new since the baseline (baseline-v1.json)',
        'warning audit/drift-new https://shop.example/ before consent: the pages load from tracker.example, a host of another site new since the baseline (baseline-v1.json)',
        'warning audit/drift-new https://shop.example/about before consent: the sessionStorage key "ab_test" of https://shop.example is new since the baseline (baseline-v1.json)',
      ].sort(),
    );
  });

  it('a pass the baseline did not run is named, not compared', async () => {
    const baseline = parseBaseline(await v1Text(), 'baseline-v1.json');
    const run = await nextRun((report) => {
      report.passes.push({ ...(report.passes[0] as Pass), name: 'after reject' });
    });
    expect(driftProblems(baseline, inventoryOf(run))).toEqual({
      problems: [],
      uncompared: ['after reject'],
    });
  });
});

describe('page-controlled names in drift findings', () => {
  it('stay inert in text and Markdown (storage keys and hosts are the page’s to choose)', async () => {
    const baseline = parseBaseline(await v1Text(), 'baseline-v1.json');
    const hostile =
      '\u001b]8;;https://evil.example\u0007x\n## Heading [link](https://evil.example) | a {{ b }} \u202e';
    const run = await nextRun((report) => {
      ((report.passes[0] as Pass).storage as unknown[]).push({
        kind: 'localStorage',
        origin: 'https://shop.example',
        key: hostile,
        page: 'https://shop.example/\u001b[2J',
      });
    });
    const { problems } = driftProblems(baseline, inventoryOf(run));
    expect(problems).toHaveLength(1);
    const text = formatProblemsText(problems);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not get through
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
    const markdown = formatProblemsMarkdown(problems);
    expect(markdown).not.toMatch(/^## /m);
    expect(markdown).not.toMatch(/(?<!`[^`\n]*)\[link\]\(/);
    expect(markdown.trimEnd().split('\n')).toHaveLength(3);
  });
});

describe('the contract between the JSON report and --baseline', () => {
  const DAY = 86_400;
  const run = fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(
        'before consent',
        'after consent',
        'after reject',
        'gpc, after consent',
      ),
      pages: fc.constant([]),
      popups: fc.constant(0),
      notes: fc.constant([]),
      cookies: fc.array(
        fc
          .record({
            name: fc.string({ minLength: 1 }),
            domain: fc.oneof(
              fc.domain(),
              fc.domain().map((d) => `.${d}`),
            ),
            path: fc.constantFrom('/', '/help', '/a b'),
            kept: fc.option(fc.integer({ min: 0, max: 400 * DAY }), { nil: undefined }),
            seenAt: fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }),
            httpOnly: fc.boolean(),
            secure: fc.boolean(),
            sameSite: fc.constantFrom('Strict', 'Lax', 'None'),
            partitionKey: fc.option(fc.webUrl(), { nil: undefined }),
            page: fc.webUrl(),
            setBy: fc.option(fc.string(), { nil: undefined }),
          })
          .map(({ kept, ...c }) => ({ ...c, expires: kept === undefined ? -1 : c.seenAt + kept })),
        { maxLength: 8 },
      ),
      storage: fc.array(
        fc.record({
          kind: fc.constantFrom('localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage'),
          origin: fc.webUrl().map((u) => new URL(u).origin),
          key: fc.string(),
          page: fc.webUrl(),
        }),
        { maxLength: 5 },
      ),
      requests: fc.array(
        fc
          .record({
            url: fc.webUrl({ withQueryParameters: true }),
            type: fc.constantFrom('image', 'script', 'ping'),
            invisible: fc.boolean(),
            page: fc.webUrl(),
          })
          .map((r) => ({ ...r, host: new URL(r.url).host })),
        { maxLength: 5 },
      ),
    }),
    { selector: (pass) => pass.name, maxLength: 4 },
  ) as fc.Arbitrary<Pass[]>;

  it('any run, written as the JSON report and read back as a baseline, shows no drift — also a day later', () => {
    fc.assert(
      fc.property(run, fc.integer({ min: 0, max: 30 * DAY }), (passes, later) => {
        const text = JSON.stringify({ schemaVersion: SCHEMA_VERSION, passes });
        const baseline = parseBaseline(text, 'first.json');
        expect(driftProblems(baseline, inventoryOf(passes))).toEqual({
          problems: [],
          uncompared: [],
        });
        const moved = passes.map((pass) => ({
          ...pass,
          cookies: pass.cookies.map((c) => ({
            ...c,
            seenAt: c.seenAt + later,
            expires: c.expires === -1 ? -1 : c.expires + later,
          })),
        }));
        expect(driftProblems(baseline, inventoryOf(moved)).problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('lifetimes as durations', () => {
  it('are rounded to minutes, hours or days, and compared with a crawl’s slack', () => {
    expect(roundedLifetime('session')).toBe('the session');
    expect(roundedLifetime(3_590)).toBe('60 minutes');
    expect(roundedLifetime(36 * 3600)).toBe('36 hours');
    expect(roundedLifetime(365 * 86_400 - 40)).toBe('365 days');
    expect(lifetimesDiffer(365 * 86_400, 365 * 86_400 - 90)).toBe(false);
    expect(lifetimesDiffer(3600, 3540)).toBe(false);
    expect(lifetimesDiffer(3600, 7200)).toBe(true);
    expect(lifetimesDiffer(30 * 86_400, 400 * 86_400)).toBe(true);
    expect(lifetimesDiffer('session', 60)).toBe(true);
    expect(lifetimesDiffer('session', 'session')).toBe(false);
  });
});

describe('a baseline that is no report of ours', () => {
  const refused = (text: string) => {
    try {
      parseBaseline(text, 'prev.json');
    } catch (error) {
      expect(error).toBeInstanceOf(AuditInputError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('is refused with a message naming the part that is wrong', async () => {
    expect(refused('{"schemaVersion": 1, "passes": [')).toMatch(
      /^--baseline prev\.json: the file is not JSON \(/,
    );
    expect(refused('[]')).toMatch(/^--baseline prev\.json: the file is not a JSON object;/);
    expect(refused('{"schemaVersion": 3, "passes": []}')).toMatch(
      /^--baseline prev\.json: schemaVersion is 3, not one this version reads \(1, 2\);/,
    );
    expect(refused('{"passes": []}')).toMatch(/schemaVersion is missing/);
    const report = JSON.parse(await v1Text());
    report.passes[0].cookies[1].expires = '2027-01-01';
    expect(refused(JSON.stringify(report))).toMatch(
      /^--baseline prev\.json: passes\[0\]\.cookies\[1\]\.expires is not a number; give the JSON of an earlier run/,
    );
    report.passes[0].cookies[1] = { __proto__: { name: 'x' } };
    expect(refused(JSON.stringify(report))).toMatch(/passes\[0\]\.cookies\[1\]\.name is not text/);
  });
});
