import * as z from 'zod';
import { entrySchema, policySchema } from './schema.js';

/**
 * The JSON schemas editors use to check catalog files while legal types (referenced from each
 * YAML file's `# yaml-language-server: $schema=` line). Derived from the zod schema, so every
 * description shows up as hover help. Draft-07, the dialect every YAML editor understands.
 */
export function catalogJsonSchemas(): Readonly<Record<string, string>> {
  const render = (schema: z.ZodType, id: string, title: string) =>
    `${JSON.stringify({ ...z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }), $id: id, title }, null, 2)}\n`;
  return {
    'entry.schema.json': render(
      entrySchema,
      'https://cookie-catalog.dev/schema/entry.schema.json',
      'Cookie catalog entry',
    ),
    'policy.schema.json': render(
      policySchema,
      'https://cookie-catalog.dev/schema/policy.schema.json',
      'Cookie catalog policy',
    ),
  };
}

interface JsonSchemaNode {
  description?: string;
  type?: string;
  const?: string;
  enum?: string[];
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: JsonSchemaNode | boolean;
  items?: JsonSchemaNode;
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
}

/**
 * packages/catalog/FIELDS.md: every field of policy.yaml and of an entry file, with the description the
 * zod schema gives it. Written next to the catalog so legal finds it where they work.
 */
export function catalogFieldReference(): string {
  const schemas = catalogJsonSchemas();
  const rows = (name: string) => {
    const schema = JSON.parse(schemas[name] ?? '{}') as JsonSchemaNode;
    return fieldRows(schema, '').join('\n');
  };
  return [
    '<!-- Generated from the zod schema in packages/catalog/src/schema.ts by `npm run schema -w @cookie-catalog/catalog`. Do not edit. -->',
    '# Catalog fields',
    '',
    'Every field a catalog file can hold. Editors that understand the `# yaml-language-server`',
    'line at the top of each file show the same help while you type.',
    '',
    '## An entry: `cookies/<id>.yaml`',
    '',
    '| field | required | what it means |',
    '|---|---|---|',
    rows('entry.schema.json'),
    '',
    '## The policy: `policy.yaml`',
    '',
    '| field | required | what it means |',
    '|---|---|---|',
    rows('policy.schema.json'),
    '',
  ].join('\n');
}

function fieldRows(node: JsonSchemaNode, prefix: string): string[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    if (key === '$schema') return [];
    const path = prefix ? `${prefix}.${key}` : key;
    const choices =
      child.enum && !child.description?.includes('`')
        ? ` One of: ${child.enum.map((v) => `\`${v}\``).join(', ')}.`
        : '';
    const row = `| \`${path}\` | ${required.has(key) ? 'yes' : 'no'} | ${escapeCell(`${child.description ?? ''}${choices}`)} |`;
    const items = child.items?.properties ? child.items : undefined;
    const record =
      typeof child.additionalProperties === 'object' && child.additionalProperties.properties
        ? child.additionalProperties
        : undefined;
    const variants = (child.oneOf ?? child.anyOf ?? []).filter((v) => v.properties);
    return [
      row,
      ...(child.properties ? fieldRows(child, path) : []),
      ...(items ? fieldRows(items, `${path}[]`) : []),
      ...(record ? fieldRows(record, `${path}.<name>`) : []),
      ...variants.flatMap((variant) => {
        const tag = variant.properties?.type?.const;
        return fieldRows(variant, tag ? `${path}(type: ${tag})` : path).filter(
          (r) => !r.startsWith(`| \`${path}(type: ${tag}).type\``),
        );
      }),
    ];
  });
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
