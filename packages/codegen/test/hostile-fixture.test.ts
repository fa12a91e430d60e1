import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generatedNamesOf } from '@cookie-catalog/catalog';
import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { runGenerator } from '../src/generator.js';
import {
  htmlPolicyTableGenerator,
  tsClientGenerator,
  tsServerGenerator,
} from '../src/generators/index.js';
import { checked } from './checked.js';
import { COMPILE_TIMEOUT, compileStrict } from './compile-strict.js';
import { loadFixtureCatalog } from './fixture-catalog.js';
import * as server from './golden/hostile/server/cookies.js';
import * as entry from './golden/hostile/server/index.js';

/*
 * The hostile fixture holds ids, names and values that broke generated code before: ids whose
 * names meet run-time helpers (find → findCookie, append_set → appendSetCookie), one cookie name
 * on two paths, an astral-character pattern, a parameter named like a label placeholder.
 */
const golden = (path: string) => fileURLToPath(new URL(`./golden/${path}`, import.meta.url));
const catalog = await loadFixtureCatalog('hostile');

describe('generated code for the hostile fixture', () => {
  it(
    'matches the golden server and client modules, which compile in strict mode',
    async () => {
      const [serverFile, serverEntry] = runGenerator(tsServerGenerator, catalog);
      const [clientFile] = runGenerator(tsClientGenerator, catalog);
      await expect(serverFile?.contents).toMatchFileSnapshot(golden('hostile/server/cookies.ts'));
      await expect(serverEntry?.contents).toMatchFileSnapshot(golden('hostile/server/index.ts'));
      await expect(clientFile?.contents).toMatchFileSnapshot(golden('hostile/client/cookies.ts'));
      expect(
        compileStrict([golden('hostile/server/cookies.ts'), golden('hostile/server/index.ts')]),
      ).toEqual([]);
      expect(compileStrict([golden('hostile/client/cookies.ts')], {}, { dom: true })).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );

  it('declares only names the catalog reserves for each entry, and helpers as $name', async () => {
    const reserved = new Set(
      catalog.entries.flatMap((e) =>
        generatedNamesOf(
          e.id,
          e.name.parameters.map((p) => p.name),
        ),
      ),
    );
    for (const file of ['hostile/server/cookies.ts', 'hostile/client/cookies.ts']) {
      const text = await readFile(golden(file), 'utf8');
      const declared = [...text.matchAll(/^(?:export )?(?:function|const|type) (\w+)/gm)].map(
        (m) => m[1] ?? '',
      );
      expect(declared.filter((name) => !reserved.has(name))).toEqual([]);
      const imported = /^import \{([^}]*)\}/m.exec(text)?.[1] ?? '';
      for (const specifier of imported.split(',').map((s) => s.trim())) {
        expect(specifier).toMatch(/^type \w+$|^(\w+) as \$\1$/);
      }
    }
    expect(server.findCookie.name).toBe('find');
    expect(server.appendSetCookie.name).toBe('append-set');
    // The package's entry passes on the run time's names, but not over a cookie's own.
    expect(entry.findCookie).toBe(server.findCookie);
    expect(entry.appendSetCookie).toBe(server.appendSetCookie);
    expect(entry.CookieValueError).toBeTypeOf('function');
    expect(server.readFind('find=abc')).toBe('abc');
    const headers = new Headers();
    server.setAppendSet(headers, true);
    expect(headers.getSetCookie()).toEqual([
      'append-set=true; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax',
    ]);
  });

  it('keeps a namesake cookie on another path: setting one never drops the other', async () => {
    const headers = new Headers();
    server.setCsrfRoot(headers, checked(server.parseCsrfRoot('abcd1234')));
    server.deleteCsrfApp(headers);
    server.setCsrfRoot(headers, checked(server.parseCsrfRoot('wxyz6789')));
    const lines = headers.getSetCookie();
    expect(lines).toEqual([
      'csrf=wxyz6789; Max-Age=3600; Path=/; Secure; SameSite=Lax',
      'csrf=; Max-Age=0; Path=/app; Secure; SameSite=Lax',
    ]);
    // A real cookie jar holds two cookies after setting both.
    const jar = new CookieJar();
    await jar.setCookie(
      server.serializeCsrfRoot(checked(server.parseCsrfRoot('abcd1234'))),
      'https://example.com/',
    );
    await jar.setCookie(
      server.serializeCsrfApp(checked(server.parseCsrfApp('efgh5678'))),
      'https://example.com/app/',
    );
    expect(await jar.getCookieString('https://example.com/app/x')).toBe(
      'csrf=efgh5678; csrf=abcd1234',
    );
  });

  it('accepts what validation accepted: the example "😀😀" fits ^.{1,2}$ (the u flag)', () => {
    const line = server.serializeEmoji(checked(server.parseEmoji('😀😀')));
    expect(line).toMatch(/^emoji=%F0%9F%98%80%F0%9F%98%80;/);
    expect(server.readEmoji(line.split(';')[0])).toBe('😀😀');
    expect(server.parseEmoji('😀😀😀')).toBeUndefined();
    // Setters check at run time too (an unchecked value from JavaScript, or a cast).
    expect(() => server.serializeEmoji('😀😀😀' as server.EmojiValue)).toThrow(/does not match/);
  });

  it('reads each name parameter once, so a getter cannot swap in another value after the check', () => {
    let reads = 0;
    const params = {
      get meaning() {
        reads += 1;
        return reads === 1 ? 'abc' : 'abc;Domain=evil.example';
      },
    };
    const headers = new Headers();
    server.setMeaning(headers, params, 3);
    expect(reads).toBe(1);
    expect(headers.getSetCookie()).toEqual([
      'm-abc=3; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax',
    ]);
  });

  it('explains the parameter named meaning with its own text, $& and all', () => {
    const html =
      runGenerator(htmlPolicyTableGenerator, catalog).find((f) => f.path === 'en.html')?.contents ??
      '';
    expect(html).toContain('{meaning} is a word ($&amp; and $&#x27; stay as written)');
  });
});
