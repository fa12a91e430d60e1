import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Catalog,
  type CatalogEntry,
  LONG_RECORD_RETENTION_SECONDS,
  loadCatalog,
  RULES,
  SECONDS_PER_UNIT,
} from '../src/index.js';
import { type Edit, editedCatalog, FIXTURE_CATALOG, lineOf } from './catalog-copy.js';

/*
 * policy.yaml consent.keepRecords: how long each recorded answer is kept. Expectations are
 * derived from the fixture catalog (its consent cookie and its lifetime), never written out.
 */

const THREE_YEARS = 3 * SECONDS_PER_UNIT.year;

async function fixture(): Promise<Catalog> {
  const { catalog } = await loadCatalog(FIXTURE_CATALOG);
  if (!catalog) throw new Error('the fixture catalog does not validate');
  return catalog;
}

function consentCookieOf(catalog: Catalog): CatalogEntry {
  const cookie = catalog.entries.find((e) => e.id === catalog.consent?.cookie);
  if (!cookie) throw new Error('test bug: the fixture has no consent cookie');
  return cookie;
}

/** keepRecords written into the fixture's `consent:` block, as legal would add it. */
async function withKeepRecords(value: string, more: readonly Edit[] = []): Promise<string> {
  const policy = await readFile(join(FIXTURE_CATALOG, 'policy.yaml'), 'utf8');
  const version = /^ {2}version: .*$/m.exec(policy)?.[0];
  if (!version) throw new Error('test bug: the fixture has no consent.version');
  return editedCatalog([
    { file: 'policy.yaml', find: version, with: `${version}\n  keepRecords: ${value}` },
    ...more,
  ]);
}

/** The consent cookie's file with its lifetime replaced. */
async function consentCookieLifetime(lifetime: string): Promise<Edit> {
  const catalog = await fixture();
  const file = consentCookieOf(catalog).source;
  const text = await readFile(join(FIXTURE_CATALOG, file), 'utf8');
  const line = /^lifetime: .*$/m.exec(text)?.[0];
  if (!line) throw new Error(`test bug: ${file} has no lifetime line`);
  return { file, find: line, with: `lifetime: ${lifetime}` };
}

describe('consent.keepRecords left out', () => {
  it("is the consent cookie's lifetime plus three years, and says it is the default", async () => {
    const catalog = await fixture();
    const lifetime = consentCookieOf(catalog).lifetime;
    if (lifetime.kind !== 'duration') throw new Error('test bug: expected a duration');
    const keep = catalog.consent?.keepRecords;
    expect(keep).toMatchObject({
      origin: 'default',
      written: undefined,
      seconds: lifetime.seconds + THREE_YEARS,
    });
    // The words the policy shows mean exactly the seconds prune uses.
    expect(keep?.duration.seconds).toBe(keep?.seconds);
    expect((keep?.duration.amount ?? 0) * SECONDS_PER_UNIT[keep?.duration.unit ?? 'second']).toBe(
      keep?.seconds,
    );
  });

  it('counts a session consent cookie as one year', async () => {
    const { catalog } = await loadCatalog(
      await editedCatalog([await consentCookieLifetime('session')]),
    );
    expect(catalog?.consent?.keepRecords).toMatchObject({
      origin: 'default',
      seconds: SECONDS_PER_UNIT.year + THREE_YEARS,
      duration: { amount: 4, unit: 'year' },
    });
  });

  it('is written in the largest unit that divides it exactly', async () => {
    const { catalog } = await loadCatalog(
      await editedCatalog([await consentCookieLifetime('180 days')]),
    );
    expect(catalog?.consent?.keepRecords.duration).toEqual({
      amount: 180 + 3 * 365,
      unit: 'day',
      seconds: (180 + 3 * 365) * SECONDS_PER_UNIT.day,
    });
  });
});

describe('consent.keepRecords written', () => {
  it.each([
    ['5 år', 5, 'year'],
    ['60 månader', 60, 'month'],
    ['48 months', 48, 'month'],
    ['1500 dagar', 1500, 'day'],
  ] as const)(
    'reads "%s" like a lifetime, in the catalog\'s languages too',
    async (text, amount, unit) => {
      const { catalog, problems } = await loadCatalog(await withKeepRecords(`"${text}"`));
      expect(problems.filter((p) => p.rule.startsWith('consent/'))).toEqual([]);
      expect(catalog?.consent?.keepRecords).toEqual({
        origin: 'stated',
        written: text,
        seconds: amount * SECONDS_PER_UNIT[unit],
        duration: { amount, unit, seconds: amount * SECONDS_PER_UNIT[unit] },
      });
    },
  );

  it("is an error, at file:line:column, when shorter than the consent cookie's lifetime", async () => {
    const cookie = consentCookieOf(await fixture());
    if (cookie.lifetime.kind !== 'duration') throw new Error('test bug: expected a duration');
    const tooShort = `${cookie.lifetime.seconds / SECONDS_PER_UNIT.day - 1} days`;
    const dir = await withKeepRecords(tooShort);
    const { catalog, problems } = await loadCatalog(dir);
    expect(catalog).toBeUndefined();
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.rule)).toEqual(['consent/keep-records']);
    const line = await lineOf(dir, 'policy.yaml', 'keepRecords:');
    const text = (await readFile(join(dir, 'policy.yaml'), 'utf8')).split('\n')[line - 1] ?? '';
    expect(errors[0]).toMatchObject({
      file: join(dir, 'policy.yaml'),
      line,
      column: text.indexOf(tooShort) + 1,
      citation: RULES['consent/keep-records'].citation,
    });
    expect(errors[0]?.message).toContain(`consent cookie ${cookie.id}`);
    expect(errors[0]?.fix).toMatch(/keep records at least ".+", or leave keepRecords out/);
  });

  it("accepts exactly the consent cookie's lifetime", async () => {
    const cookie = consentCookieOf(await fixture());
    if (cookie.lifetime.kind !== 'duration') throw new Error('test bug: expected a duration');
    const { catalog } = await loadCatalog(
      await withKeepRecords(`${cookie.lifetime.seconds / SECONDS_PER_UNIT.day} days`),
    );
    expect(catalog?.consent?.keepRecords.seconds).toBe(cookie.lifetime.seconds);
  });

  it('is a warning above 10 years (storage limitation), and the catalog stays usable', async () => {
    const years = LONG_RECORD_RETENTION_SECONDS / SECONDS_PER_UNIT.year + 1;
    const dir = await withKeepRecords(`${years} years`);
    const { catalog, problems } = await loadCatalog(dir);
    expect(catalog?.consent?.keepRecords.seconds).toBe(years * SECONDS_PER_UNIT.year);
    const long = problems.filter((p) => p.rule === 'consent/keep-records-long');
    expect(long).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: await lineOf(dir, 'policy.yaml', 'keepRecords:'),
        citation: expect.stringContaining('art. 5(1)(e)'),
      }),
    ]);
  });

  it.each([
    ['session', /not a period/],
    ['forever', /not a period/],
    ['about 4 years', /not exact.*\| write "4 years"/],
    ['"3–5 years"', /a range/],
    ['4 lightyears', /not a unit of time/],
    ['"-4 years"', /negative \| write a number and a unit/],
    ['"0 years"', /zero \| write a number and a unit/],
    ['4', /must be text/],
  ])('refuses %s with a located error and a fix, no stack trace', async (value, says) => {
    const dir = await withKeepRecords(value);
    const { catalog, problems } = await loadCatalog(dir);
    expect(catalog).toBeUndefined();
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: join(dir, 'policy.yaml'),
      line: await lineOf(dir, 'policy.yaml', 'keepRecords:'),
    });
    expect(`${errors[0]?.message} | ${errors[0]?.fix}`).toMatch(says);
    expect(`${errors[0]?.message} ${errors[0]?.fix}`).not.toMatch(/Max-Age|\bat \w+ \(|session`/);
  });
});

describe('labels.consentRecords', () => {
  it('must keep {period}, where the policy puts the period', async () => {
    const dir = await editedCatalog([
      {
        file: 'policy.yaml',
        find: '\nlabels:\n',
        with: '\nlabels:\n  consentRecords: { en: "We keep records.", sv: "Vi sparar uppgifterna i {period}." }\n',
      },
    ]);
    const { problems } = await loadCatalog(dir);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({
        rule: 'i18n/placeholder',
        line: await lineOf(dir, 'policy.yaml', 'consentRecords:'),
        message: expect.stringContaining('labels.consentRecords in en lacks {period}'),
      }),
    ]);
  });
});
