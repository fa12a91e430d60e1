import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  exampleValueOf,
  type FirstPartyCookie,
  isFirstPartyCookie,
  loadCatalog,
} from '@cookie-catalog/catalog';
import { runGenerator, tsServerGenerator } from '@cookie-catalog/codegen';
import { CookieJar } from 'tough-cookie';
import { afterAll, describe, expect, it } from 'vitest';
import { type Edit, editedCatalog } from '../../catalog/test/catalog-copy.js';

/*
 * Name parameters a cookie page does not describe: declared with a pattern and no example, or not
 * declared at all. The catalog derives an example; the generated setter writes the cookie under the
 * name that example gives, and a real cookie jar (tough-cookie) stores it under exactly that name.
 */

const SLOT = new URL('./.derived-examples/', import.meta.url).pathname;

const ours = (id: string, name: string, extra = ''): Edit => ({
  file: `cookies/${id}.yaml`,
  with: `id: ${id}\nname: "${name}"\nkind: cookie\ncategory: necessary\nsetBy: server\nlifetime: 1 day\npurpose: { en: Test., sv: Test. }\n${extra}`,
});

afterAll(() => rm(SLOT, { recursive: true, force: true }));

describe('pattern cookies of ours with derived examples, through a cookie jar', async () => {
  const { catalog, problems } = await loadCatalog(
    await editedCatalog([
      ours(
        'slot_pref',
        'pref_{slot}',
        'nameParameters: { slot: { pattern: "^[a-z]{3}[0-9]{2}$" } }\n',
      ),
      ours('ab_test', 'ab_{testName}'),
      ours('shard', 'shard-{n}', 'nameParameters: { n: { type: integer } }\n'),
    ]),
  );
  if (!catalog) throw new Error(problems.map((p) => p.message).join('\n'));
  await mkdir(SLOT, { recursive: true });
  for (const file of runGenerator(tsServerGenerator, catalog))
    await writeFile(join(SLOT, file.path), file.contents);
  const api = (await import(/* @vite-ignore */ join(SLOT, 'index.ts'))) as Record<
    string,
    (...args: unknown[]) => string
  >;
  const cookies = catalog.entries
    .filter(isFirstPartyCookie)
    .filter((c) => ['slot_pref', 'ab_test', 'shard'].includes(c.id));

  it.each(cookies.map((c) => [c.id, c] as const))('%s', async (_id, cookie: FirstPartyCookie) => {
    const params = Object.fromEntries(cookie.name.parameters.map((p) => [p.name, p.example]));
    for (const parameter of cookie.name.parameters) {
      if (parameter.pattern)
        expect(String(parameter.example)).toMatch(new RegExp(parameter.pattern));
    }
    const name = cookie.name.parts
      .map((part) => (part.type === 'literal' ? part.text : String(params[part.name])))
      .join('');
    const line = api[`serialize${cookie.functionName}`]?.(params, exampleValueOf(cookie.value));
    const url = `https://${catalog.controller.domains[0]}${cookie.attributes.path}`;
    const jar = new CookieJar(undefined, { prefixSecurity: 'strict', looseMode: false });
    await jar.setCookie(line ?? '', url, { ignoreError: false });
    const [stored] = await jar.getCookies(url, { http: true });
    expect(stored?.key).toBe(name);
    expect(
      new RegExp(
        `^${cookie.name.parts.map((p) => (p.type === 'literal' ? p.text : '.+')).join('')}$`,
      ).test(stored?.key ?? ''),
    ).toBe(true);
  });
});
