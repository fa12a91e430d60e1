import type * as z from 'zod';

type AnySchema = z.core.$ZodType;

/**
 * What a person should write for a field, in plain words, with the example the schema's
 * description gives where it gives one: `one of server, client, vendor, provider`,
 * `text such as "1 year"`. Fixes say this instead of repeating the description.
 */
export function whatToWrite(schema: AnySchema | undefined): string {
  if (!schema) return 'a value';
  const inner = unwrapOptional(schema);
  const def = inner._zod.def as unknown as Record<string, unknown>;
  const example = exampleIn(descriptionOf(inner) ?? descriptionOf(schema));
  const such = example ? ` such as ${example}` : '';
  switch (def.type) {
    case 'enum':
      return `one of ${Object.values(def.entries as Record<string, string>).join(', ')}`;
    case 'literal':
      return (def.values as unknown[]).map(String).join(' or ');
    case 'boolean':
      return 'true or false';
    case 'number':
      return `a number${such}`;
    case 'string':
      return `text${such}`;
    case 'array':
      return `a list${such}`;
    case 'record': {
      const value = unwrapOptional(def.valueType as AnySchema)._zod.def as { type?: string };
      return value.type === 'string'
        ? `one text per locale, each on its own line under it, such as "en: …" and "sv: …"`
        : `a mapping${such}`;
    }
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      const required = Object.keys(shape).filter(
        (key) =>
          key !== '$schema' &&
          (shape[key]?._zod.def as { type?: string } | undefined)?.type !== 'optional',
      );
      return required.length > 0
        ? `a mapping with ${required.join(', ')}${such}`
        : `a mapping${such}`;
    }
    case 'union': {
      const options = def.options as AnySchema[];
      if (def.discriminator) return `a mapping${such}`;
      return [...new Set(options.map((option) => whatToWrite(option)))].join(', or ');
    }
    default:
      return example ? `a value such as ${example}` : 'a value';
  }
}

/** The first sentence of a field's description, as a reminder of what the field is for. */
export function meaningOf(schema: AnySchema | undefined): string | undefined {
  const description = schema && (descriptionOf(unwrapOptional(schema)) ?? descriptionOf(schema));
  if (!description) return undefined;
  const sentence = description.match(/^.*?\.(?=\s+[A-Z]|$)/)?.[0] ?? description;
  return sentence.replace(/\.$/, '');
}

/** The example a description gives after "e.g." or "such as", in quotes. */
function exampleIn(description: string | undefined): string | undefined {
  const match = description?.match(/(?:e\.g\.|such as)\s+(`[^`]+`|"[^"]+")/);
  if (!match?.[1]) return undefined;
  return `"${match[1].slice(1, -1)}"`;
}

function descriptionOf(schema: AnySchema | undefined): string | undefined {
  return (schema as { description?: string } | undefined)?.description;
}

function unwrapOptional(schema: AnySchema): AnySchema {
  let current = schema;
  while ((current._zod.def as { type: string }).type === 'optional') {
    current = (current._zod.def as unknown as { innerType: AnySchema }).innerType;
  }
  return current;
}
