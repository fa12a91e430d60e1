import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { findingsFor, type LocatedCall } from '../src/findings.js';

/*
 * A cookie the catalog retired has no setter or reader any more, only its deleter: scan must not
 * point at the generated functions that went, and code that still writes it contradicts the
 * policy, which says it is no longer set.
 */
const dir = await editedCatalog([
  {
    file: 'cookies/csrftoken.yaml',
    find: 'lifetime: 1 year\n',
    with: 'lifetime: 1 year\nretired: 2026-11-01\n',
  },
  {
    file: 'cookies/language.yaml',
    find: 'lifetime: 30 days\n',
    with: 'lifetime: 30 days\nretired: 2026-11-01\n',
  },
]);
const { catalog } = await loadCatalog(dir);
if (!catalog) throw new Error('the edited catalog should be valid');

const call = (api: string, name: string, access: LocatedCall['access']): LocatedCall => ({
  api,
  name: [name],
  access,
  store: 'cookie',
  file: 'src/app.ts',
  line: 3,
  column: 5,
});
const finding = (located: LocatedCall) => findingsFor([located], catalog, new Map())[0];
/** The generated function names of a fixture entry, as the generators derive them. */
const fn = (id: string) => catalog.entries.find((e) => e.id === id)?.functionName ?? `(no ${id})`;
const csrftoken = fn('csrftoken');
const language = fn('language');

describe('scan and a retired cookie', () => {
  it('a write is an error, at its place, whose fix names the deleter that remains', () => {
    expect(finding(call("res.setHeader('Set-Cookie')", 'csrftoken', 'write'))).toMatchObject({
      rule: 'scan/retired',
      severity: 'error',
      file: 'src/app.ts',
      line: 3,
      column: 5,
      message: expect.stringMatching(/retired on 2026-11-01: the policy says it is no longer set/),
      fix: expect.stringMatching(new RegExp(`remove this code.*delete${csrftoken}\\(response\\)`)),
    });
    expect(finding(call('document.cookie =', 'language', 'write'))?.fix).toMatch(
      new RegExp(`remove${language}\\(\\) from the client package`),
    );
  });

  it('a deletion by hand points at the generated deleter; a read at no reader that went', () => {
    expect(finding(call("res.setHeader('Set-Cookie')", 'csrftoken', 'delete'))).toMatchObject({
      rule: 'scan/hand-written',
      fix: expect.stringMatching(
        new RegExp(`^use delete${csrftoken}\\(response\\) from the server package`),
      ),
    });
    const read = finding(call('req.cookies', 'csrftoken', 'read'));
    expect(read?.rule).toBe('scan/hand-written');
    expect(`${read?.message} ${read?.fix}`).not.toContain(`read${csrftoken}`);
  });
});
