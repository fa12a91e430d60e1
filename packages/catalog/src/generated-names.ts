import { functionNameOf } from './function-name.js';

/**
 * Every module-level name the TypeScript generators (ts/server, ts/client) give one entry,
 * exported or not. Two entries whose sets meet would not compile: `x` and `x_from` both give
 * `readXFrom`; a name parameter `b` of `a` and the id `a_b` both give `aBPattern`. Run-time
 * helpers are imported as `$findCookie` and so on, which no id can produce (ids start with a
 * letter). The codegen tests hold the generators to this list.
 */
export function generatedNamesOf(id: string, parameterNames: readonly string[]): string[] {
  const pascal = functionNameOf(id);
  const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
  return [
    `set${pascal}`,
    `read${pascal}`,
    `read${pascal}From`,
    `serialize${pascal}`,
    `delete${pascal}`,
    `parse${pascal}`,
    `write${pascal}`,
    `remove${pascal}`,
    `${camel}Cookie`,
    `${pascal}Value`,
    `${pascal}Name`,
    `${camel}Pattern`,
    `${camel}Brand`,
    ...parameterNames.map((name) => `${camel}${capitalized(name)}Pattern`),
  ];
}
