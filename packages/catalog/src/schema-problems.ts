import type * as z from 'zod';
import { closestMatch } from './closest-match.js';
import { fieldLabel as dotted } from './field-label.js';
import { createProblem, type Problem } from './problem.js';
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
): { value: z.infer<S> | undefined; problems: Problem[]; partial?: z.infer<S> } {
  const result = schema.safeParse(source.data);
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.flatMap((issue) =>
    issueToProblems(source, schema, issue, []),
  );
  // When unknown keys are all that is wrong, the rest of the file can still be checked: one run
  // then shows a typo and everything else (a typo must not hide a missing attribute).
  const issues = result.error.issues;
  if (issues.every((issue) => issue.code === 'unrecognized_keys')) {
    const data = structuredClone(source.data);
    for (const issue of issues) {
      const holder = valueAt(data, issue.path as (string | number)[]);
      if (holder !== null && typeof holder === 'object' && issue.code === 'unrecognized_keys')
        for (const key of issue.keys) delete (holder as Record<string, unknown>)[key];
    }
    const retried = schema.safeParse(data);
    if (retried.success) return { value: undefined, problems, partial: retried.data };
  }
  return { value: undefined, problems };
}

function issueToProblems(
  source: YamlSource,
  root: AnySchema,
  issue: Issue,
  prefix: SourcePath,
): Problem[] {
  const path: SourcePath = [...prefix, ...(issue.path as (string | number)[])];
  const input = valueAt(source.data, path);
  const field = dotted(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schemaAt(root, path, source.data));
      return issue.keys.map((key) => {
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
    case 'invalid_type': {
      if (input === undefined) {
        const parent = path.slice(0, -1);
        const key = String(path[path.length - 1]);
        const description = describe(schemaAt(root, path, source.data));
        return [
          createProblem(
            'schema/missing-key',
            source.locate(parent, { key: true }),
            `"${key}" is missing${parent.length ? ` in ${dotted(parent)}` : ''}`,
            `add "${key}:" (${description ?? expectedWords(issue.expected)})`,
          ),
        ];
      }
      return [
        createProblem(
          'schema/type',
          source.locate(path),
          `${field} must be ${expectedWords(issue.expected)}, not ${inputWords(input)}`,
          describe(schemaAt(root, path, source.data)) ?? `write ${expectedWords(issue.expected)}`,
        ),
      ];
    }
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
            input === undefined ? 'schema/missing-key' : 'schema/value',
            input === undefined
              ? source.locate(path.slice(0, -1), { key: true })
              : source.locate(path),
            input === undefined
              ? `"${String(path[path.length - 1])}" is missing in ${dotted(path.slice(0, -1))}`
              : `${field} is ${inputWords(input)}, which is not one of ${options.join(', ')}`,
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
      if (fitting) return fitting.flatMap((inner) => issueToProblems(source, root, inner, path));
      return [
        createProblem(
          'schema/type',
          source.locate(path),
          `${field} has the wrong form (${inputWords(input)})`,
          describe(schemaAt(root, path, source.data)) ?? 'see the schema',
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
      return [
        createProblem(
          'schema/value',
          source.locate(path),
          what,
          describe(schemaAt(root, path, source.data)) ?? 'change the value',
        ),
      ];
    }
    default:
      return [
        createProblem(
          'schema/value',
          source.locate(path),
          `${field}: ${issue.message}`,
          describe(schemaAt(root, path, source.data)) ?? 'change the value',
        ),
      ];
  }
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

function knownKeys(schema: AnySchema | undefined): string[] {
  const def = schema?._zod.def as unknown as { type?: string; shape?: object } | undefined;
  return def?.type === 'object' && def.shape
    ? Object.keys(def.shape).filter((k) => k !== '$schema')
    : [];
}

function describe(schema: AnySchema | undefined): string | undefined {
  return (schema as { description?: string } | undefined)?.description;
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
