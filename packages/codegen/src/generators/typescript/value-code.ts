import type {
  FirstPartyCookie,
  JsonFieldType,
  NameParameter,
  ValueType,
} from '@cookie-catalog/catalog';
import {
  MAX_NAME_VALUE_BYTES,
  patternImpliesCookieOctets,
  regexFlags,
  singleClassPattern,
} from '@cookie-catalog/catalog';
import { camelCase, propertyName, stringLiteral } from './literals.js';

/*
 * The value-dependent half of a cookie's code, shared by the server and client generators:
 * checks and encoding for setters, decoding and checks for readers. The generated code calls a
 * handful of run-time helpers (encodeUri, decodeBase64Url, …) that both runtimes export under the
 * same names.
 */

/** How generated code reports a bad value: an expression that throws, given a reason expression. */
export interface FailExpression {
  /** A statement throwing "<the value, described> <problem>"; `problem` is plain text. */
  (problem: string): string;
  /** A statement throwing with a message built at run time by `expression`. */
  withMessage(expression: string): string;
}

export interface ValueCode {
  /** The TypeScript type of the value. */
  readonly type: string;
  /** Module-level statements (compiled regular expressions). */
  readonly constants: readonly string[];
  /** Statements that check `value` and declare `encoded`, the text that goes on the wire. */
  encode(fail: FailExpression): string[];
  /** Statements that turn `raw` (string | undefined) into the typed value, or return undefined. */
  readonly decode: readonly string[];
  /** Run-time helpers the code above uses. */
  readonly helpers: ReadonlySet<string>;
  /** Whether `encode` refers to `name` (the built cookie name), for the size limit. */
  readonly usesName: boolean;
  /**
   * For a string with a pattern: statements for `parseX(text)`, which return `text` typed as
   * checked (the branded value type), or undefined. Setters take only such values, so an
   * unchecked string is a compile error; they still check every value at run time.
   */
  readonly parse?: readonly string[];
}

/**
 * `speed` (server): patterns split into a length check and a class scan, which V8 runs fastest.
 * `size` (browser): patterns as written, as regular-expression literals; fewer bytes to ship.
 */
export type CodePreference = 'speed' | 'size';

export function valueCode(cookie: FirstPartyCookie, prefer: CodePreference = 'speed'): ValueCode {
  const value = cookie.value;
  const prefix = camelCase(cookie.functionName);
  const helpers = new Set<string>(['invalidValue']);
  const constants: string[] = [];
  const sizeCheck = needsSizeCheck(cookie)
    ? (fail: FailExpression) => [
        `if (name.length + encoded.length > ${MAX_NAME_VALUE_BYTES}) ${fail.withMessage(`\`the value is \${encoded.length} bytes once encoded; with the name that is over the ${MAX_NAME_VALUE_BYTES}-byte limit browsers enforce\``)};`,
      ]
    : () => [];

  switch (value.type) {
    case 'enum': {
      const test = value.values.map((v) => `value !== ${stringLiteral(v)}`).join(' && ');
      const allowed = value.values.map((v) => JSON.stringify(v)).join(', ');
      return {
        type: value.values.map(stringLiteral).join(' | '),
        constants,
        helpers,
        usesName: needsSizeCheck(cookie),
        encode: (fail) => [
          `if (${test}) ${fail(`is not one of ${allowed}`)};`,
          'const encoded: string = value;',
        ],
        decode: [
          `return ${value.values.map((v) => `raw === ${stringLiteral(v)}`).join(' || ')} ? raw : undefined;`,
        ],
      };
    }
    case 'boolean':
      return {
        type: 'boolean',
        constants,
        helpers,
        usesName: needsSizeCheck(cookie),
        encode: (fail) => [
          `if (typeof value !== 'boolean') ${fail('is not true or false')};`,
          "const encoded = value ? 'true' : 'false';",
        ],
        decode: ["return raw === 'true' ? true : raw === 'false' ? false : undefined;"],
      };
    case 'integer': {
      const range = [
        value.min !== undefined ? `value < ${value.min}` : undefined,
        value.max !== undefined ? `value > ${value.max}` : undefined,
      ].filter((part) => part !== undefined);
      const rawRange = range.map((part) => part.replace('value', 'number'));
      return {
        type: 'number',
        constants,
        helpers,
        usesName: needsSizeCheck(cookie),
        encode: (fail) => [
          `if (!Number.isSafeInteger(value)) ${fail('is not a whole number')};`,
          ...(range.length
            ? [
                `if (${range.join(' || ')}) ${fail(`is outside ${value.min ?? '-∞'}…${value.max ?? '∞'}`)};`,
              ]
            : []),
          'const encoded = String(value);',
        ],
        // Only the canonical form reads back ("7", "-7"; not "07", "+7", "7.0", " 7", "-0"), the
        // form String(value) writes. The server tests it with a regular expression first (fast
        // to reject); the browser compares the number's own text with the raw value (fewer bytes).
        decode: [
          ...(prefer === 'speed'
            ? [
                'if (raw === undefined || !/^(?:0|-?[1-9][0-9]{0,15})$/.test(raw)) return undefined;',
                'const number = Number(raw);',
              ]
            : ['const number = Number(raw);']),
          `return ${prefer === 'speed' ? '' : 'String(number) === raw && '}Number.isSafeInteger(number)${rawRange.map((part) => ` && !(${part})`).join('')} ? number : undefined;`,
        ],
      };
    }
    case 'string': {
      const patternName = `${prefix}Pattern`;
      const matcher =
        value.pattern === undefined
          ? undefined
          : patternMatcher(patternName, value.pattern, prefer);
      // A pattern that bounds the length already says what maxLength says.
      const lengthBound =
        value.pattern === undefined ? undefined : singleClassPattern(value.pattern)?.max;
      const lengthImplied =
        value.maxLength !== undefined &&
        lengthBound !== undefined &&
        lengthBound <= value.maxLength;
      if (matcher) constants.push(matcher.declaration);
      const checks = (subject: string) =>
        [
          value.maxLength !== undefined && !lengthImplied
            ? `${subject}.length > ${value.maxLength}`
            : undefined,
          matcher ? `!${matcher.test(subject)}` : undefined,
        ].filter((part) => part !== undefined);
      // The same checks, as what a valid value passes.
      const passes = (subject: string) =>
        [
          value.maxLength !== undefined && !lengthImplied
            ? `${subject}.length <= ${value.maxLength}`
            : undefined,
          matcher?.test(subject),
        ].filter((part) => part !== undefined);
      const encodeChecks = (fail: FailExpression) => [
        `if (typeof value !== 'string') ${fail('is not a string')};`,
        ...(value.maxLength !== undefined
          ? [
              `if (value.length > ${value.maxLength}) ${fail(`is longer than ${value.maxLength} characters`)};`,
            ]
          : []),
        ...(matcher && value.pattern !== undefined
          ? [
              `if (!${matcher.test('value')}) ${fail(`does not match ${JSON.stringify(value.pattern)}`)};`,
            ]
          : []),
      ];
      // A pattern makes the value a type of its own: a string branded as checked, which only
      // parseX and the reader give out (a unique symbol declared here, so no other value has it).
      const valueType = `${cookie.functionName}Value`;
      const brand = `${prefix}Brand`;
      const branded = value.pattern !== undefined;
      if (branded) constants.push(`declare const ${brand}: unique symbol;`);
      const type = branded ? `string & { readonly [${brand}]: true }` : 'string';
      const typed = (subject: string) => (branded ? `${subject} as ${valueType}` : subject);
      if (value.encoding === 'raw') {
        // When the declared pattern only admits cookie-octets, checking octets again is wasted work.
        const octetsImplied =
          value.pattern !== undefined && patternImpliesCookieOctets(value.pattern);
        if (!octetsImplied)
          helpers.add('COOKIE_OCTETS').add('firstInvalidOctet').add('describeValue');
        const parseChecks = [
          ...checks('text'),
          ...(octetsImplied ? [] : ['!$COOKIE_OCTETS.test(text)']),
        ];
        return {
          type,
          ...(branded && {
            parse: [
              `if (typeof text !== 'string' || ${parseChecks.join(' || ')}) return undefined;`,
              `return ${typed('text')};`,
            ],
          }),
          constants,
          helpers,
          usesName: needsSizeCheck(cookie),
          encode: (fail) => [
            ...encodeChecks(fail),
            ...(octetsImplied
              ? []
              : [
                  `if (!$COOKIE_OCTETS.test(value)) ${fail.withMessage('`${$describeValue(value)} contains ${$firstInvalidOctet(value)}, which a cookie value cannot carry (RFC 6265bis §4.1.1)`')};`,
                ]),
            'const encoded = value;',
            ...sizeCheck(fail),
          ],
          decode: [
            checks('raw').length
              ? `return raw !== undefined && ${passes('raw').join(' && ')} ? ${typed('raw')} : undefined;`
              : `return raw;`,
          ],
        };
      }
      const encoder = value.encoding === 'uri' ? 'encodeUri' : 'encodeBase64Url';
      const decoder = value.encoding === 'uri' ? 'decodeUri' : 'decodeBase64Url';
      helpers.add(encoder).add(decoder);
      return {
        type,
        ...(branded && {
          parse: [
            `if (typeof text !== 'string' || ${checks('text').join(' || ')}) return undefined;`,
            `return ${typed('text')};`,
          ],
        }),
        constants,
        helpers,
        usesName: needsSizeCheck(cookie),
        encode: (fail) => [
          ...encodeChecks(fail),
          `const encoded = $${encoder}(value);`,
          `if (encoded === undefined) ${fail('is not well-formed text (it has an unpaired surrogate)')};`,
          ...sizeCheck(fail),
        ],
        decode: [
          `const value = $${decoder}(raw);`,
          checks('value').length
            ? `return value !== undefined && ${passes('value').join(' && ')} ? ${typed('value')} : undefined;`
            : 'return value;',
        ],
      };
    }
    case 'json': {
      const fields = value.fields;
      helpers.add('isRecord').add('parseJsonObject');
      if (value.encoding === 'base64url') helpers.add('encodeBase64Url');
      const decoder = value.encoding === 'uri' ? 'decodeUri' : 'decodeBase64Url';
      helpers.add(decoder);
      const type = `{ ${fields.map((f) => `readonly ${propertyName(f.name)}: ${jsonFieldType(f.type)}`).join('; ')} }`;
      const shape = fields.map((f) => `${f.name}: ${describeJsonField(f.type)}`).join(', ');
      // A setter reads each field of the value once, into a local (`field0`, …): a getter could
      // otherwise pass the check with one value and be serialized with another.
      const field = (i: number) => `field${i}`;
      const json = `JSON.stringify({ ${fields.map((f, i) => `${propertyName(f.name)}: ${field(i)}`).join(', ')} })`;
      // A parsed object's fields are plain data (JSON.parse makes no getters), so a reader names
      // each field where it checks it and where it copies it, without locals: smaller.
      const parsed = (f: { readonly name: string }) => `parsed[${stringLiteral(f.name)}]`;
      return {
        type,
        constants,
        helpers,
        usesName: needsSizeCheck(cookie),
        encode: (fail) => [
          `if (!$isRecord(value)) ${fail(`is not an object { ${shape} }`)};`,
          ...fields.map(
            (f, i) =>
              `const ${field(i)} = (value as Record<string, unknown>)[${stringLiteral(f.name)}];`,
          ),
          `if (!(${fields.map((f, i) => jsonFieldCheck(f.type, field(i))).join(' && ')})) ${fail(`does not have the shape { ${shape} }`)};`,
          // JSON.stringify escapes lone surrogates, so its output always encodes.
          value.encoding === 'uri'
            ? `const encoded = encodeURIComponent(${json});`
            : `const encoded = $encodeBase64Url(${json}) as string;`,
          ...sizeCheck(fail),
        ],
        decode: [
          `const parsed = $parseJsonObject($${decoder}(raw));`,
          `return parsed && ${fields.map((f) => jsonFieldCheck(f.type, parsed(f))).join(' && ')} ? { ${fields.map((f) => `${propertyName(f.name)}: ${parsed(f)} as ${jsonFieldType(f.type)}`).join(', ')} } : undefined;`,
        ],
      };
    }
  }
}

/**
 * The code that tests a catalog pattern, compiled once. A single character class with a counted
 * length (`^[A-Za-z0-9]{32,64}$`) becomes a length comparison plus `^[…]*$`: V8's counted
 * repetition costs more than the whole class scan, and the length is known before any scan.
 */
function patternMatcher(
  name: string,
  pattern: string,
  prefer: CodePreference,
): { declaration: string; test(subject: string): string } {
  const literal = prefer === 'size' ? regexLiteral(pattern) : undefined;
  if (literal)
    return {
      declaration: `const ${name} = ${literal};`,
      test: (subject) => `${name}.test(${subject})`,
    };
  const single = singleClassPattern(pattern);
  if (!single) {
    return {
      declaration: `const ${name} = /* @__PURE__ */ new RegExp(${stringLiteral(pattern)}, ${stringLiteral(regexFlags(pattern))});`,
      test: (subject) => `${name}.test(${subject})`,
    };
  }
  const classOnly = `^[${single.source}]*$`;
  return {
    declaration: `const ${name} = /* @__PURE__ */ new RegExp(${stringLiteral(classOnly)}); // ${commentPattern(pattern)}`,
    test: (subject) =>
      `(${[
        single.min > 0 ? `${subject}.length >= ${single.min}` : undefined,
        single.max !== undefined ? `${subject}.length <= ${single.max}` : undefined,
        `${name}.test(${subject})`,
      ]
        .filter((part) => part !== undefined)
        .join(' && ')})`,
  };
}

/**
 * A regular-expression literal for a catalog pattern: `/` escaped (always a valid escape), or
 * undefined when the pattern holds a line terminator, which no literal can.
 */
function regexLiteral(pattern: string): string | undefined {
  if (/[\n\r\u2028\u2029]/.test(pattern)) return undefined;
  return `/${pattern.replace(/\\.|\//g, (match) => (match === '/' ? '\\/' : match))}/${regexFlags(pattern)}`;
}

function commentPattern(pattern: string): string {
  return pattern.replace(/[\r\n]/g, ' ');
}

/**
 * Checks and builds a pattern cookie's name from its typed parameters. Each parameter is read
 * from `params` once, into a local: a getter could otherwise pass the check with one value and
 * return another (`a;Domain=evil`) when the name is built.
 */
export function nameParameterCode(
  parameters: readonly NameParameter[],
  prefix: string,
  prefer: CodePreference = 'speed',
): {
  type: string;
  constants: string[];
  /** Statements that read each parameter once into its local (see `local`). */
  read: string[];
  /** The local holding a parameter's value. */
  local: (parameter: string) => string;
  /** `fail(valueExpression, problem)`: a statement throwing for a parameter that does not fit. */
  check: (fail: (value: string, problem: string) => string) => string[];
  valid: string;
} {
  const constants: string[] = [];
  const checks: string[] = [];
  // Parameter names start with a lowercase letter, so "…Param" never meets a helper ($…) or a
  // module-level name (…Cookie, …Value, …Pattern, serialize…, read…).
  const local = (parameter: string) => `${parameter}Param`;
  for (const parameter of parameters) {
    const subject = local(parameter.name);
    if (parameter.type === 'integer') {
      checks.push(`Number.isSafeInteger(${subject}) && ${subject} >= 0`);
      continue;
    }
    const parts = [`typeof ${subject} === 'string'`, `$TOKEN.test(${subject})`];
    if (parameter.maxLength !== undefined)
      parts.push(`${subject}.length <= ${parameter.maxLength}`);
    if (parameter.pattern !== undefined) {
      const name = `${prefix}${parameter.name.charAt(0).toUpperCase()}${parameter.name.slice(1)}Pattern`;
      const matcher = patternMatcher(name, parameter.pattern, prefer);
      constants.push(matcher.declaration);
      parts.push(matcher.test(subject));
    }
    checks.push(parts.join(' && '));
  }
  const type = `{ ${parameters.map((p) => `readonly ${propertyName(p.name)}: ${p.type === 'integer' ? 'number' : 'string'}`).join('; ')} }`;
  const valid = checks.map((c) => `(${c})`).join(' && ');
  return {
    type,
    constants,
    read: parameters.map((p) => `const ${local(p.name)} = params[${stringLiteral(p.name)}];`),
    local,
    valid,
    check: (fail) =>
      parameters.map(
        (p, i) =>
          `if (!(${checks[i]})) ${fail(local(p.name), `is not a valid {${p.name}} for this cookie's name`)};`,
      ),
  };
}

function needsSizeCheck(cookie: FirstPartyCookie): boolean {
  const nameBytes = cookie.name.parts.reduce(
    (total, part) =>
      total +
      (part.type === 'literal'
        ? part.text.length
        : (cookie.name.parameters.find((p) => p.name === part.name)?.maxLength ??
          (cookie.name.parameters.find((p) => p.name === part.name)?.type === 'integer'
            ? 16
            : Number.POSITIVE_INFINITY))),
    0,
  );
  return nameBytes + maxValueBytes(cookie.value) > MAX_NAME_VALUE_BYTES;
}

/** The longest the encoded value can be, or Infinity when the catalog sets no bound. */
function maxValueBytes(value: ValueType): number {
  switch (value.type) {
    case 'enum':
      return Math.max(...value.values.map((v) => v.length));
    case 'boolean':
      return 5;
    case 'integer':
      return 17;
    case 'string':
      return value.maxLength === undefined
        ? Number.POSITIVE_INFINITY
        : value.maxLength * { raw: 1, uri: 9, base64url: 4 }[value.encoding];
    case 'json':
      return Number.POSITIVE_INFINITY;
  }
}

function jsonFieldType(type: JsonFieldType): string {
  switch (type.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'number';
    case 'string':
      return 'string';
    case 'enum':
      return type.values.map(stringLiteral).join(' | ');
  }
}

function jsonFieldCheck(type: JsonFieldType, subject: string): string {
  switch (type.type) {
    case 'boolean':
      return `typeof ${subject} === 'boolean'`;
    case 'integer':
      return `Number.isSafeInteger(${subject})`;
    case 'string':
      return `typeof ${subject} === 'string'`;
    case 'enum':
      return `(${type.values.map((v) => `${subject} === ${stringLiteral(v)}`).join(' || ')})`;
  }
}

function describeJsonField(type: JsonFieldType): string {
  return type.type === 'enum' ? type.values.map((v) => JSON.stringify(v)).join(' | ') : type.type;
}
