import type { JsonFieldType, ValueType } from './model.js';

/**
 * A value the declaration accepts, for tests and examples: the catalog's own example for a
 * string, the first allowed value of an enum, `true`, the smallest allowed integer, and for JSON
 * an object with such a value in every field.
 */
export function exampleValueOf(value: ValueType): unknown {
  switch (value.type) {
    case 'string':
      return value.example;
    case 'enum':
      return value.values[0];
    case 'boolean':
      return true;
    case 'integer':
      return value.min ?? value.max ?? 1;
    case 'json':
      return Object.fromEntries(
        value.fields.map((field) => [field.name, fieldExample(field.type)]),
      );
  }
}

function fieldExample(type: JsonFieldType): unknown {
  if (type.type === 'boolean') return true;
  if (type.type === 'integer') return 1;
  return type.type === 'string' ? 'x' : type.values[0];
}
