import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/index.js';
import { type CatalogContext, FileReport } from '../src/rules/check-context.js';
import { checkEntry } from '../src/rules/entry-rules.js';
import { type EntryInput, entrySchema, policySchema } from '../src/schema.js';
import { checkSchema } from '../src/schema-problems.js';
import { parseYamlSource } from '../src/yaml-source.js';
import { FIXTURE_CATALOG } from './catalog-copy.js';
import { seededRandom as random } from './seeded-random.js';

/*
 * Fuzzing the loader: real catalog files, mutated at random (a seeded generator, so a failure
 * can be replayed with FUZZ_SEED), through the same steps a file takes in loadCatalog. Whatever
 * the input, each step answers with located problems and never throws. FUZZ_RUNS raises the
 * count for a longer run: `npm run fuzz` (FUZZ_RUNS=1000000).
 */

/** FUZZ_RUNS scales both: a mutated file costs ~3 ms here (through every step), a snippet ~0.2 ms. */
const SCALE = Number(process.env.FUZZ_RUNS ?? 20_000) / 20_000;
const FILE_RUNS = Math.round(2_000 * SCALE);
const SNIPPET_RUNS = Math.round(20_000 * SCALE);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

const PIECES = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  '&a ',
  '*a',
  '!!str ',
  '!x ',
  '|',
  '>',
  '- ',
  '? ',
  '%YAML 1.1\n',
  '---\n',
  '...\n',
  '<<: ',
  '__proto__: ',
  'constructor: ',
  '#',
  '"',
  "'",
  '\\',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  '    ',
  '\u0000',
  '\u001b[31m',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\u2028',
  '😀',
  'ä',
  '0x1F',
  '1e999',
  '-0',
  '.nan',
  'null',
  '~',
  'true',
  'yes',
  '2026-02-30',
  'https://',
  'mailto:',
  'javascript:',
  '%E0',
  '{{ x }}',
  '<script>',
  'a'.repeat(300),
];

function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  let result = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (result.length + 1));
    const kind = next();
    if (kind < 0.45) result = result.slice(0, at) + pick(PIECES) + result.slice(at);
    else if (kind < 0.7)
      result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 20));
    else if (kind < 0.85) {
      const lines = result.split('\n');
      const line = Math.floor(next() * lines.length);
      lines.splice(line, 0, lines[Math.floor(next() * lines.length)] ?? '');
      result = lines.join('\n');
    } else {
      result =
        result.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x3000)) + result.slice(at);
    }
  }
  return result;
}

const CONTEXT: CatalogContext = {
  locales: ['en', 'sv'],
  defaultLocale: 'en',
  categories: new Set(['necessary', 'help-center']),
  lastUpdated: '2026-11-26',
  controller: { ownDomains: ['billogram.com'], name: 'Billogram AB' },
  services: [],
};

/** Plain checks (not expect, which costs more than the parsing here) that each problem is located. */
function expectLocated(problems: readonly Problem[], text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const problem of problems) {
    const fine =
      problem.line >= 1 &&
      problem.line <= lines + 1 &&
      problem.column >= 1 &&
      problem.fix.length > 0 &&
      !/\n|\bat \w+ \(|\.js:\d+/.test(problem.message);
    if (!fine)
      throw new Error(`a problem without a proper place or message: ${JSON.stringify(problem)}`);
  }
}

describe('the loader on mutated catalog files', () => {
  it(`answers ${FILE_RUNS.toLocaleString('en')} mutated files with located problems, never a throw`, async () => {
    const cookies = join(FIXTURE_CATALOG, 'cookies');
    const seeds = await Promise.all(
      (await readdir(cookies)).map(async (name) => ({
        policy: false,
        text: await readFile(join(cookies, name), 'utf8'),
      })),
    );
    seeds.push({
      policy: true,
      text: await readFile(join(FIXTURE_CATALOG, 'policy.yaml'), 'utf8'),
    });
    const next = random(SEED);
    let valid = 0;
    for (let run = 0; run < FILE_RUNS; run++) {
      const seed = seeds[run % seeds.length];
      if (!seed) continue;
      const text = mutate(seed.text, next);
      try {
        const source = parseYamlSource('fuzz.yaml', text);
        expectLocated(source.problems, text);
        if (source.problems.length > 0) continue;
        const checked = checkSchema(source, seed.policy ? policySchema : entrySchema);
        expectLocated(checked.problems, text);
        if (!checked.value || seed.policy) continue;
        const report = new FileReport(source);
        checkEntry(report, CONTEXT, checked.value as EntryInput);
        expectLocated(report.problems, text);
        valid++;
      } catch (error) {
        throw new Error(
          `run ${run} (FUZZ_SEED=${SEED}) threw on ${JSON.stringify(text)}: ${(error as Error).stack}`,
        );
      }
    }
    // The mutations are mild enough that some files still pass the schema and reach every rule.
    expect(valid).toBeGreaterThan(FILE_RUNS / 50);
  }, 60_000);

  it(`answers ${SNIPPET_RUNS.toLocaleString('en')} random small entry files the same way`, () => {
    const next = random(SEED + 1);
    for (let run = 0; run < SNIPPET_RUNS; run++) {
      const text = snippet(next);
      try {
        const source = parseYamlSource('fuzz.yaml', text);
        expectLocated(source.problems, text);
        if (source.problems.length > 0) continue;
        const checked = checkSchema(source, entrySchema);
        expectLocated(checked.problems, text);
        if (!checked.value) continue;
        const report = new FileReport(source);
        checkEntry(report, CONTEXT, checked.value);
        expectLocated(report.problems, text);
      } catch (error) {
        throw new Error(
          `snippet ${run} (FUZZ_SEED=${SEED}) threw on ${JSON.stringify(text)}: ${(error as Error).stack}`,
        );
      }
    }
  }, 60_000);
});

const KEYS = [
  'id',
  'name',
  'kind',
  'category',
  'provider',
  'party',
  'domain',
  'setBy',
  'lifetime',
  'purpose',
  'en',
  'sv',
  'attributes',
  'secure',
  'httpOnly',
  'sameSite',
  'path',
  'value',
  'type',
  'pattern',
  'maxLength',
  'example',
  'nameParameters',
  'statedByProvider',
  'acknowledge',
  'httponly',
];
const VALUES = [
  'x',
  'csrftoken',
  'cookie',
  'localStorage',
  'pixel',
  'first',
  'third',
  'server',
  'client',
  'provider',
  '1 hour',
  '-1 days',
  '1.5 days',
  '500 days',
  'session',
  'forever',
  'true',
  'false',
  'Lax',
  'None',
  '/',
  '/a;b',
  'example.com',
  '127.1',
  'co.uk',
  'string',
  'enum',
  'json',
  '"^(a+)+$"',
  '"^[a-z]{1,8}$"',
  '"[a"',
  '4097',
  '"sub-{id}"',
  '"{x"',
  '"__Host-x"',
  '[en, sv]',
  '{ en: a, sv: b }',
  '"https://x.example"',
  '"javascript:alert(1)"',
];

/** A small entry-shaped YAML document with random keys, values, nesting and hostile pieces. */
function snippet(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const lines: string[] = [];
  let depth = 0;
  const count = 2 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) {
    const indent = '  '.repeat(depth);
    const roll = next();
    if (roll < 0.2 && depth < 4) {
      lines.push(`${indent}${pick(KEYS)}:`);
      depth++;
    } else if (roll < 0.3 && depth > 0) {
      depth--;
      i--;
    } else if (roll < 0.4) {
      lines.push(`${indent}${pick(KEYS)}: ${pick(PIECES)}${pick(VALUES)}`);
    } else {
      lines.push(`${indent}${pick(KEYS)}: ${pick(VALUES)}`);
    }
  }
  return `${lines.join(next() < 0.1 ? '\r' : '\n')}\n`;
}
