import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPILE_TIMEOUT, compileStrict } from '../../codegen/test/compile-strict.js';
import { realCookies } from './real-catalog.js';

/**
 * The generated functions against Next.js's own types, in strict mode: `cookies()` in Route
 * Handlers and Server Actions, NextResponse and its `cookies`, `request.cookies` in middleware.
 * Written for every first-party cookie of the catalog the package was built from; nothing is
 * written to disk.
 */
const cookies = await realCookies();
const FILE = fileURLToPath(new URL('./.fixture-walk/next-types.ts', import.meta.url));

function usage(fn: string): string {
  return `
export function check${fn}(
  setArgs: Rest<Parameters<typeof server.set${fn}>>,
  deleteArgs: Rest<Parameters<typeof server.delete${fn}>>,
  readArgs: Rest<Parameters<typeof server.read${fn}>>,
) {
  type Value = ReturnType<typeof server.read${fn}>;
  async function inActionOrRouteHandler(): Promise<Value> {
    const store = await cookies();
    server.set${fn}(store, ...setArgs);
    server.delete${fn}(store, ...deleteArgs);
    return server.read${fn}(store, ...readArgs);
  }
  function inMiddleware(request: NextRequest): NextResponse {
    const response = NextResponse.next();
    const value: Value = server.read${fn}(request.cookies, ...readArgs);
    if (value === undefined) server.set${fn}(response, ...setArgs);
    server.set${fn}(response.cookies, ...setArgs);
    server.delete${fn}(response.cookies, ...deleteArgs);
    return response;
  }
  void inActionOrRouteHandler;
  void inMiddleware;
  // @ts-expect-error a number is no cookie target
  server.set${fn}(42, ...setArgs);
  // @ts-expect-error a map of names to values is no cookie store (its get gives no { value })
  server.read${fn}(new Map<string, string>(), ...readArgs);
}
`;
}

describe.runIf(cookies.length > 0)('Next.js types', () => {
  it(
    'setters, deleters and readers accept what Next.js hands out, in strict mode',
    () => {
      // With moduleResolution NodeNext (this repository's), Next.js's entry points take their .js;
      // with "bundler", as in a Next.js app, they do not.
      const source = `import { cookies } from 'next/headers.js';
import { type NextRequest, NextResponse } from 'next/server.js';
import * as server from '../../src/generated/index.js';

type Rest<T> = T extends [unknown, ...infer R] ? R : never;
${cookies.map((c) => usage(c.cookie.functionName)).join('')}`;
      expect(compileStrict([], { [FILE]: source }, { dom: true })).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );
});
