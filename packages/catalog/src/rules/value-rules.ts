import {
  COOKIE_VALUE_PATTERN,
  describeCharacter,
  firstNonCookieOctet,
  MAX_NAME_VALUE_BYTES,
  utf8Length,
} from '../cookie-grammar.js';
import { parseNamePattern } from '../name-pattern.js';
import type { EntryInput, ValueInput } from '../schema.js';
import type { FileReport } from './check-context.js';
import { checkRegExp, matches } from './pattern-rules.js';
import { printable } from './printable.js';

/** The declared value: a type the generated code can encode, within the size browsers keep. */
export function checkValue(report: FileReport, entry: EntryInput, value: ValueInput): void {
  const nameBytes = maxNameBytes(entry);
  const budget = MAX_NAME_VALUE_BYTES - nameBytes;
  switch (value.type) {
    case 'string': {
      if (value.pattern !== undefined) checkRegExp(report, ['value', 'pattern'], value.pattern);
      checkStringExample(report, value);
      if (value.maxLength !== undefined) {
        const perChar = { raw: 1, uri: 9, base64url: 4 }[value.encoding ?? 'raw'];
        const worst = value.maxLength * perChar;
        if (worst > budget) {
          report.add(
            'cookie/size',
            ['value', 'maxLength'],
            `a value of ${value.maxLength} characters can take ${worst} bytes once ${value.encoding ?? 'raw'}-encoded; with the name that exceeds ${MAX_NAME_VALUE_BYTES} bytes`,
            `lower maxLength to at most ${Math.floor(budget / perChar)}`,
          );
        }
      }
      return;
    }
    case 'enum': {
      value.values.forEach((option, index) => {
        const bad = firstNonCookieOctet(option);
        if (bad || !COOKIE_VALUE_PATTERN.test(option) || option === '') {
          report.add(
            'cookie/value',
            ['value', 'values', index],
            option === ''
              ? 'an enum value is empty'
              : `the value "${printable(option)}" contains ${describeCharacter(bad?.char ?? '')}, which a cookie cannot carry as is`,
            'use ASCII letters, digits and - _ . only',
          );
        }
      });
      if (new Set(value.values).size !== value.values.length) {
        report.add(
          'schema/value',
          ['value', 'values'],
          'an enum value is listed twice',
          'remove the duplicate',
        );
      }
      return;
    }
    case 'integer':
      if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
        report.add(
          'schema/value',
          ['value', 'min'],
          `min ${value.min} is above max ${value.max}`,
          'swap them',
        );
      }
      return;
    case 'json':
      if (Object.keys(value.shape).length === 0) {
        report.add(
          'schema/value',
          ['value', 'shape'],
          'the JSON shape has no fields',
          'list each field and its type',
        );
      }
      return;
    case 'boolean':
      return;
  }
}

function checkStringExample(
  report: FileReport,
  value: Extract<ValueInput, { type: 'string' }>,
): void {
  const { example } = value;
  const bad = (value.encoding ?? 'raw') === 'raw' ? firstNonCookieOctet(example) : undefined;
  const problem =
    value.maxLength !== undefined && example.length > value.maxLength
      ? `is longer than maxLength (${value.maxLength})`
      : value.pattern !== undefined && !matches(value.pattern, example)
        ? `does not match the pattern ${value.pattern}`
        : bad
          ? `contains ${describeCharacter(bad.char)}, which a raw cookie value cannot carry`
          : undefined;
  if (problem) {
    report.add(
      'entry/value',
      ['value', 'example'],
      `the example "${printable(example)}" ${problem}`,
      'write an example the declaration accepts',
    );
  }
}

function maxNameBytes(entry: EntryInput): number {
  const parsed = parseNamePattern(entry.name);
  if (!parsed.ok) return entry.name.length;
  return parsed.parts.reduce((total, part) => {
    if (part.type === 'literal') return total + utf8Length(part.text);
    const spec = entry.nameParameters?.[part.name];
    return total + (spec?.maxLength ?? (spec?.type === 'integer' ? 16 : 0));
  }, 0);
}
