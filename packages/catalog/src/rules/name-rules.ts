import { describeCharacter, firstNonTokenChar } from '../cookie-grammar.js';
import { parseNamePattern } from '../name-pattern.js';
import { deriveParameterExample } from '../parameter-example.js';
import type { EntryInput } from '../schema.js';
import type { FileReport } from './check-context.js';
import { checkRegExp, matches } from './pattern-rules.js';
import { printable } from './printable.js';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;

/** The id becomes function names (`setAccessToken`), so it is made of words. */
export function checkEntryId(report: FileReport, entry: EntryInput): void {
  if (!ID_PATTERN.test(entry.id)) {
    report.add(
      'entry/id',
      ['id'],
      `the id "${entry.id}" cannot be turned into function names`,
      'use ASCII letters and digits, words separated by "_" or "-", starting with a letter, e.g. access_token',
    );
  }
}

/** The name as it is stored: one line; a pattern's parameters declared and used; a cookie name a token. */
export function checkName(report: FileReport, entry: EntryInput): void {
  const { name, kind } = entry;
  if (name === '') {
    report.add(
      'cookie/name',
      ['name'],
      'the name is empty',
      'write the name exactly as it is sent',
    );
    return;
  }
  const lineBreak = /[\t\n\r\u2028\u2029]/.exec(name);
  if (lineBreak) {
    // Any kind: a name is shown on one line in tables, diffs and pull-request comments.
    report.add(
      'cookie/name',
      ['name'],
      `the name "${printable(name)}" contains ${describeCharacter(lineBreak[0])}`,
      'write the name on one line, exactly as it is stored',
    );
    return;
  }
  const wildcard = /\*|\[[^\]]*\]/.exec(name);
  if (wildcard) {
    const written = name.replace(
      /\*|\[([^\]]*)\]/g,
      (_match, inside: string | undefined) => `{${parameterNameOf(inside)}}`,
    );
    const parameters = [...written.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    report.add(
      'cookie/name-wildcard',
      ['name'],
      `"${printable(name)}" stands for many names, but "${wildcard[0]}" would be taken literally (and a setter generated for exactly that name)`,
      `write the varying part as a parameter in braces: name: "${written}" (nameParameters.${parameters[0]} may then say what it stands for)`,
      { charIndex: wildcard.index },
    );
    return;
  }
  const parsed = parseNamePattern(name);
  if (!parsed.ok) {
    report.add(
      'cookie/name-pattern',
      ['name'],
      `the name "${name}" has ${parsed.reason}`,
      parsed.fix,
      {
        charIndex: parsed.index,
      },
    );
    return;
  }
  const used = parsed.parts.flatMap((p) => (p.type === 'parameter' ? [p.name] : []));
  const declared = Object.keys(entry.nameParameters ?? {});
  // A parameter the name uses and nameParameters leaves out is any text (a string without a
  // pattern): pages write `_hjSession_{id}` and say no more about the id.
  for (const parameter of declared.filter((p) => !used.includes(p))) {
    report.add(
      'cookie/name-pattern',
      ['nameParameters', parameter],
      `the parameter "${parameter}" is not used in the name "${name}"`,
      `remove it, or write {${parameter}} in the name`,
      { key: true },
    );
  }
  for (const [parameter, spec] of Object.entries(entry.nameParameters ?? {})) {
    if (spec.pattern !== undefined)
      checkRegExp(report, ['nameParameters', parameter, 'pattern'], spec.pattern);
    checkParameterExample(report, parameter, spec);
    if (spec.type === 'integer' && spec.pattern !== undefined) {
      report.add(
        'cookie/name-pattern',
        ['nameParameters', parameter, 'pattern'],
        'an integer parameter cannot have a pattern',
        'remove pattern, or make the parameter a string',
      );
    }
  }
  if (kind !== 'cookie') return; // storage keys and pixels are not cookie names
  let offset = 0;
  for (const part of parsed.parts) {
    if (part.type === 'literal') {
      const bad = firstNonTokenChar(part.text);
      if (bad) {
        report.add(
          'cookie/name',
          ['name'],
          `the cookie name "${printable(name)}" contains ${describeCharacter(bad.char)}, which is not allowed in a cookie name`,
          "use only ASCII letters, digits and ! # $ % & ' * + - . ^ _ ` | ~",
          { charIndex: offset + bad.index },
        );
        return;
      }
      offset += part.text.length;
    } else {
      offset += part.name.length + 2;
    }
  }
}

function checkParameterExample(
  report: FileReport,
  parameter: string,
  spec: NonNullable<EntryInput['nameParameters']>[string],
): void {
  if (spec.example === undefined) {
    if (deriveParameterExample(spec) === undefined)
      report.add(
        'cookie/name-pattern',
        ['nameParameters', parameter],
        `no example of {${parameter}} can be derived from its pattern ${spec.pattern ?? ''}, and tests need one`,
        `write nameParameters.${parameter}.example: a value the pattern accepts`,
        { key: true },
      );
    return;
  }
  const { example } = spec;
  const problem =
    spec.type === 'integer'
      ? typeof example !== 'number' || example < 0
        ? 'is not a whole number of 0 or more'
        : undefined
      : typeof example !== 'string'
        ? 'is not text'
        : firstNonTokenChar(example)
          ? 'contains characters a cookie name cannot carry'
          : spec.maxLength !== undefined && example.length > spec.maxLength
            ? `is longer than maxLength (${spec.maxLength})`
            : spec.pattern !== undefined && !matches(spec.pattern, example)
              ? `does not match the pattern ${spec.pattern}`
              : undefined;
  if (problem) {
    report.add(
      'cookie/name-pattern',
      ['nameParameters', parameter, 'example'],
      `the example ${JSON.stringify(example)} of {${parameter}} ${problem}`,
      'write an example the declaration accepts',
    );
  }
}

/** `Test name` → `testName`; nothing (a bare `*`) → `suffix`. */
function parameterNameOf(words: string | undefined): string {
  const parts = (words ?? '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (parts.length === 0 || !/^[A-Za-z]/.test(parts[0] ?? '')) return 'suffix';
  return parts
    .map((part, i) =>
      i === 0 ? part.toLowerCase() : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase(),
    )
    .join('');
}
