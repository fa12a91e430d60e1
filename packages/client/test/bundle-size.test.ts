import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { realCookies } from '../../server/test/real-catalog.js';

/** What a browser downloads for these imports: bundled, minified, gzipped (level 9), in bytes. */
export async function bundledSize(
  names: readonly string[],
): Promise<{ minified: number; gzipped: number; code: string }> {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from '@billogram/cookies-client';`,
      resolveDir: new URL('.', import.meta.url).pathname,
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, code };
}

// The sizes themselves are targets of `npm run bench -w @billogram/cookies-client`; here, what a
// bundle must never contain, for each reader of whatever catalog the package was built from.
const readers = (await realCookies()).filter((c) => !c.cookie.attributes.httpOnly);

describe.runIf(readers.length > 0)('what a reader costs in a browser bundle', () => {
  it.each(readers.map((c) => [`read${c.cookie.functionName}`, c] as const))(
    '%s brings no cookie library, no zod and no other cookie',
    async (reader, cookie) => {
      const { code } = await bundledSize([reader]);
      expect(code).not.toMatch(/zod|CookieValueError|Max-Age/);
      for (const other of readers) {
        if (!cookie.name.includes(other.name) && !other.name.includes(cookie.name))
          expect(code).not.toContain(JSON.stringify(other.name));
      }
    },
  );
});
