import { describe, expect, it } from 'vitest';
import {
  HOSTILE_TEXTS,
  hostileProblems,
  SAMPLE_PROBLEMS,
  SAMPLE_ROOT,
} from '../../test/finding-samples.js';
import { formatProblemsJson, problemsJson } from './json.js';

describe('formatProblemsJson', () => {
  it('parses back to the fields and every problem, files relative to cwd', () => {
    const fields = { valid: false, errors: 3, warnings: 1, entries: null };
    const text = formatProblemsJson(SAMPLE_PROBLEMS, { cwd: SAMPLE_ROOT, fields });
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      ...fields,
      problems: SAMPLE_PROBLEMS.map((p) => ({
        ...p,
        file: p.file.startsWith('/repo/') ? p.file.slice('/repo/'.length) : p.file,
      })),
    });
    // validate's --format json: the fields first, two-space indentation.
    expect(text).toMatch(/^\{\n {2}"valid": false,\n {2}"errors": 3,/);
    expect(JSON.parse(text).problems[3].file).toBe('https://example.com/invoices');
  });

  it('gives back hostile texts exactly, with nothing a terminal would act on left raw', () => {
    const problems = hostileProblems(500, 26);
    const text = formatProblemsJson(problems, { cwd: SAMPLE_ROOT });
    expect(JSON.parse(text).problems).toEqual(problemsJson(problems, { cwd: SAMPLE_ROOT }));
    expect(JSON.parse(formatProblemsJson(problems)).problems).toEqual(
      JSON.parse(JSON.stringify(problems)),
    );
    expect(text).not.toMatch(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|\u{e0041}/u,
    );
    expect(HOSTILE_TEXTS.length).toBeGreaterThan(20);
  });

  it('writes an empty list for no problems', () => {
    expect(JSON.parse(formatProblemsJson([]))).toEqual({ problems: [] });
  });
});

describe('formatProblemsJson and lone surrogates', () => {
  it('never writes one, not even escaped: a strict parser reads every string as well-formed', () => {
    const base = SAMPLE_PROBLEMS[0] as (typeof SAMPLE_PROBLEMS)[number];
    const text = formatProblemsJson(
      [{ ...base, message: 'name "a\ud800b"', fix: 'x\udc00', citation: '\ud83d\ude00 kept' }],
      { fields: { url: 'https://example.com/?q=\udfff' } },
    );
    // The bytes are strict UTF-8, and no string in them is half a pair (RFC 8259 §8.2).
    const bytes = new TextEncoder().encode(text);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(text);
    const strings: string[] = [];
    JSON.parse(text, (_key, value) => {
      if (typeof value === 'string') strings.push(value);
      return value;
    });
    expect(strings.filter((s) => !s.isWellFormed())).toEqual([]);
    const parsed = JSON.parse(text);
    expect(parsed.problems[0].message).toBe('name "a\\u{D800}b"');
    expect(parsed.problems[0].fix).toBe('x\\u{DC00}');
    expect(parsed.problems[0].citation).toBe('\ud83d\ude00 kept');
    expect(parsed.url).toBe('https://example.com/?q=\\u{DFFF}');
  });
});
