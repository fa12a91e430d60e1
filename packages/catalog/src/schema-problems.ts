import type * as z from 'zod';
import { closestMatch } from './closest-match.js';
import { fieldLabel as dotted } from './field-label.js';
import { createProblem, type Problem } from './problem.js';
import { meaningOf, whatToWrite } from './schema-hints.js';
import type { SourcePath, YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/**
 * Checks `source.data` against a zod schema and turns every zod issue into a problem a person can
 * act on: the field's dotted path, its position in the file, and a fix built from the field's
 * own description in the schema.
 */
export function checkSchema<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
): SchemaCheck<z.infer<S>> {
  const result = schema.safeParse(source.data);
  if (result.success) return { value: result.data, problems: [] };
  const issues = result.error.issues;
  const misspelt = misspeltKeys(source, schema, issues);
  const problems = issues
    .filter((issue) => !misspelt.has(pathKey(issue.path as SourcePath)))
    .flatMap((issue) => issueToProblems(source, schema, issue, [], misspelt));
  // When unknown keys (and the keys they misspell) are all that is wrong, the rest of the file
  // can still be checked: one run then shows a typo and everything else (a typo must not hide a
  // missing attribute). A misspelt key is read as the key it means.
  if (
    issues.every(
      (issue) =>
        issue.code === 'unrecognized_keys' || misspelt.has(pathKey(issue.path as SourcePath)),
    )
  ) {
    const data = structuredClone(source.data);
    for (const issue of issues) {
      if (issue.code !== 'unrecognized_keys') continue;
      const holder = valueAt(data, issue.path as (string | number)[]);
      if (holder === null || typeof holder !== 'object') continue;
      const record = holder as Record<string, unknown>;
      for (const key of issue.keys) {
        const meant = meantBy(misspelt, issue.path as SourcePath, key);
        if (meant !== undefined) record[meant] = record[key];
        delete record[key];
      }
    }
    const retried = schema.safeParse(data);
    if (retried.success) return { value: undefined, problems, partial: retried.data };
  }
  return { value: undefined, problems, salvaged: salvage(source.data, issues, misspelt) };
}

export interface SchemaCheck<T> {
  readonly value: T | undefined;
  readonly problems: Problem[];
  /** Only unknown keys were wrong: the data without them (and with misspelt keys corrected). */
  readonly partial?: T;
  /**
   * Some top-level fields are wrong or missing: the data without them, for the rules that read
   * none of them. Each field that is present has passed its own schema.
   */
  readonly salvaged?:
    | { readonly data: Partial<T>; readonly broken: ReadonlySet<string> }
    | undefined;
}

/** The top-level fields that passed the schema, when the file is a mapping. */
function salvage(
  data: unknown,
  issues: readonly Issue[],
  misspelt: ReadonlyMap<string, Misspelling>,
): SchemaCheck<never>['salvaged'] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const broken = new Set<string>();
  for (const issue of issues) {
    const [first] = issue.path;
    if (first === undefined) {
      // Unknown keys at the top are only dropped; anything else about the whole file is fatal.
      if (issue.code !== 'unrecognized_keys') return undefined;
      continue;
    }
    broken.add(String(first));
  }
  for (const missing of misspelt.values()) if (missing.holder === '') broken.add(missing.meant);
  const kept = Object.fromEntries(
    Object.entries(data as Record<string, unknown>).filter(([key]) => !broken.has(key)),
  );
  const unknown = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys : [],
  );
  for (const key of unknown) delete kept[key];
  return { data: kept as never, broken };
}

/**
 * Unknown keys that are close to a required key that is missing from the same mapping: the path
 * of each missing key, mapped to the key that misspells it. Such a pair is one problem (at the
 * misspelt key), not two.
 */
function misspeltKeys(source: YamlSource, root: AnySchema, issues: readonly Issue[]) {
  const missing = new Set(
    issues
      .filter((issue) => issue.code !== 'unrecognized_keys')
      .map((issue) => issue.path as SourcePath)
      .filter((path) => path.length > 0 && valueAt(source.data, path) === undefined)
      .map(pathKey),
  );
  const misspelt = new Map<string, Misspelling>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path as SourcePath;
    const known = knownKeys(schemaAt(root, path, source.data), valueAt(source.data, path));
    const absent = known.filter((key) => missing.has(pathKey([...path, key])));
    for (const key of issue.keys) {
      const meant = closestMatch(key, absent);
      if (meant && !misspelt.has(pathKey([...path, meant])))
        misspelt.set(pathKey([...path, meant]), { typo: key, meant, holder: pathKey(path) });
    }
  }
  return misspelt;
}

interface Misspelling {
  readonly typo: string;
  readonly meant: string;
  /** pathKey of the mapping that holds both. */
  readonly holder: string;
}

/** The key that `typo`, found in the mapping at `holder`, misspells. */
function meantBy(
  misspelt: ReadonlyMap<string, Misspelling>,
  holder: SourcePath,
  typo: string,
): string | undefined {
  const at = pathKey(holder);
  return [...misspelt.values()].find((m) => m.holder === at && m.typo === typo)?.meant;
}

function pathKey(path: SourcePath): string {
  return path.map(String).join('\u0000');
}

function issueToProblems(
  source: YamlSource,
  root: AnySchema,
  issue: Issue,
  prefix: SourcePath,
  misspelt: ReadonlyMap<string, Misspelling>,
): Problem[] {
  const path: SourcePath = [...prefix, ...(issue.path as (string | number)[])];
  const input = valueAt(source.data, path);
  const field = dotted(path);
  const schema = schemaAt(root, path, source.data);
  const write = fixFor(schema);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schemaAt(root, path, source.data), valueAt(source.data, path));
    return issue.keys.map((key) => {
      const meant = meantBy(misspelt, path, key);
      if (meant !== undefined) {
        return createProblem(
          'schema/unknown-key',
          source.locate([...path, key], { key: true }),
          `unknown key "${key}"${path.length ? ` in ${field}` : ''}: did you mean "${meant}"? ("${meant}" is missing)`,
          `rename "${key}" to "${meant}"; keys are case-sensitive`,
        );
      }
      const suggestion = closestMatch(key, known);
      return createProblem(
        'schema/unknown-key',
        source.locate([...path, key], { key: true }),
        `unknown key "${key}"${path.length ? ` in ${field}` : ''}`,
        suggestion
          ? `did you mean "${suggestion}"? Keys are case-sensitive`
          : `remove it; the keys allowed here are ${known.join(', ')}`,
      );
    });
  }
  // A required key that is not there, whatever kind of value it wants: one wording for all.
  if (input === undefined && path.length > 0) {
    const parent = path.slice(0, -1);
    const key = String(path[path.length - 1]);
    return [
      createProblem(
        'schema/missing-key',
        source.locate(parent, { key: true }),
        `"${key}" is missing${parent.length ? ` in ${dotted(parent)}` : ''}`,
        `add "${key}:"${parent.length ? ` under ${dotted(parent)}` : ''} and write ${write}`,
      ),
    ];
  }
  switch (issue.code) {
    case 'invalid_type':
      return [
        createProblem(
          'schema/type',
          source.locate(path),
          `${field} must be ${expectedWords(issue.expected)}, not ${inputWords(input)}`,
          `write ${write}`,
        ),
      ];
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      const suggestion = typeof input === 'string' ? closestMatch(input, allowed) : undefined;
      return [
        createProblem(
          'schema/value',
          source.locate(path),
          `${field} is ${inputWords(input)}, which is not one of ${allowed.join(', ')}`,
          suggestion
            ? `did you mean "${suggestion}"? Values are case-sensitive`
            : `use one of ${allowed.join(', ')}`,
        ),
      ];
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const suggestion = typeof input === 'string' ? closestMatch(input, options) : undefined;
        return [
          createProblem(
            'schema/value',
            source.locate(path),
            `${field} is ${inputWords(input)}, which is not one of ${options.join(', ')}`,
            suggestion ? `did you mean "${suggestion}"?` : `use one of ${options.join(', ')}`,
          ),
        ];
      }
      // A plain union: report the branch that fits the kind of value written.
      const branches = issue.errors;
      const fitting =
        branches.find(
          (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
        ) ?? undefined;
      if (fitting)
        return fitting.flatMap((inner) => issueToProblems(source, root, inner, path, misspelt));
      return [
        createProblem(
          'schema/type',
          source.locate(path),
          `${field} has the wrong form (${inputWords(input)})`,
          `write ${write}`,
        ),
      ];
    }
    case 'too_small':
    case 'too_big': {
      const limit = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const what =
        issue.origin === 'array'
          ? `${field} needs ${issue.code === 'too_small' ? 'at least' : 'at most'} ${limit} item(s)`
          : `${field} must be ${issue.code === 'too_small' ? 'at least' : 'at most'} ${limit}`;
      return [createProblem('schema/value', source.locate(path), what, `write ${write}`)];
    }
    default:
      return [
        createProblem(
          'schema/value',
          source.locate(path),
          `${field}: ${issue.message}`,
          `write ${write}`,
        ),
      ];
  }
}

/** What to write for a field, then what the field is for: never the description alone. */
function fixFor(schema: AnySchema | undefined): string {
  const meaning = meaningOf(schema);
  return `${whatToWrite(schema)}${meaning ? ` (${lowerFirst(meaning)})` : ''}`;
}

function lowerFirst(text: string): string {
  return /^[A-Z](?![A-Z])/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}

/** The schema that describes the value at `path`, following the data through unions. */
function schemaAt(root: AnySchema, path: SourcePath, data: unknown): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  let value: unknown = data;
  for (const segment of path) {
    schema = schema && unwrap(schema, value);
    if (!schema) return undefined;
    const def = schema._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') schema = (def.shape as Record<string, AnySchema>)[String(segment)];
    else if (def.type === 'record') schema = def.valueType as AnySchema;
    else if (def.type === 'array') schema = def.element as AnySchema;
    else return undefined;
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[segment]
        : undefined;
  }
  return schema && unwrapOptional(schema);
}

/** Steps through optional wrappers and picks the union member that fits `value`. */
function unwrap(schema: AnySchema, value: unknown): AnySchema | undefined {
  const inner = unwrapOptional(schema);
  const def = inner._zod.def as unknown as Record<string, unknown>;
  if (def.type !== 'union') return inner;
  const options = def.options as AnySchema[];
  const discriminator = def.discriminator as string | undefined;
  if (discriminator && value !== null && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[discriminator];
    return options.find((option) => {
      const shape = (option._zod.def as unknown as { shape?: Record<string, AnySchema> }).shape;
      const literal = shape?.[discriminator]?._zod.def as unknown as { values?: unknown[] };
      return literal?.values?.includes(tag);
    });
  }
  const wantObject = value !== null && typeof value === 'object';
  return options.find((option) => {
    const type = (unwrapOptional(option)._zod.def as { type: string }).type;
    return wantObject ? type === 'object' || type === 'record' : type !== 'object';
  });
}

function unwrapOptional(schema: AnySchema): AnySchema {
  let current = schema;
  while ((current._zod.def as { type: string }).type === 'optional') {
    current = (current._zod.def as unknown as { innerType: AnySchema }).innerType;
  }
  return current;
}

function knownKeys(schema: AnySchema | undefined, value?: unknown): string[] {
  // A union of a mapping and something else (`runBy: us | { vendor }`): the mapping's keys.
  const picked = schema && value !== undefined ? unwrap(schema, value) : schema;
  const def = picked?._zod.def as unknown as { type?: string; shape?: object } | undefined;
  return def?.type === 'object' && def.shape
    ? Object.keys(def.shape).filter((k) => k !== '$schema')
    : [];
}

function valueAt(data: unknown, path: SourcePath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function expectedWords(expected: string): string {
  switch (expected) {
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'object':
    case 'record':
      return 'a mapping of keys to values';
    case 'array':
      return 'a list';
    default:
      return expected;
  }
}

function inputWords(input: unknown): string {
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input);
  return String(input);
}
