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
    'entry.schema.json': render(entrySchema, 'https://cookie-catalog.dev/schema/entry.schema.json', 'Cookie catalog entry'),
    'policy.schema.json': render(policySchema, 'https://cookie-catalog.dev/schema/policy.schema.json', 'Cookie catalog policy'),
  };
}
