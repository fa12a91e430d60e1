import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** What a browser downloads for these imports: bundled, minified, gzipped (level 9), in bytes. */
export async function bundledSize(
  names: readonly string[],
): Promise<{ minified: number; gzipped: number; code: string }> {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from '@cookie-catalog/client';`,
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

describe('what a reader costs in a browser bundle', () => {
  it('one reader is at most 300 bytes gzipped, with no cookie library and no zod', async () => {
    const { gzipped, code } = await bundledSize(['readLanguage']);
    expect(gzipped).toBeLessThanOrEqual(300);
    expect(code).not.toMatch(/zod|decodeURIComponent|CookieValueError/);
  });

  it('a bundler keeps only what is imported', async () => {
    const { code } = await bundledSize(['readLanguage']);
    expect(code).not.toMatch(/csrftoken|billogramGDPR|Max-Age/);
  });
});
