import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { compare } from '../src/compare.js';
import type { ObservedCookie, Pass } from '../src/observe.js';

/*
 * A third party's entry whose page states no domain is matched by the cookie's name alone, and
 * the audit says so: the same name from any site would count as declared.
 */

const START = 'https://billogram.com/';

function cookie(name: string, domain: string): ObservedCookie {
  return {
    name,
    domain,
    path: '/',
    expires: -1,
    httpOnly: false,
    secure: true,
    sameSite: 'None',
    partitionKey: undefined,
    seenAt: 0,
    page: START,
    setBy: undefined,
  } as ObservedCookie;
}

function pass(cookies: ObservedCookie[]): Pass {
  return {
    name: 'after consent',
    pages: [START],
    cookies,
    storage: [],
    requests: [],
    popups: 0,
    notes: [],
  };
}

describe('an entry without a domain in the audit', () => {
  it('counts a cookie of its name from any site as declared, and says so once', async () => {
    const { catalog } = await loadCatalog(
      await editedCatalog([
        {
          file: 'cookies/vimeo.yaml',
          with: 'id: vimeo\nname: vuid\nkind: cookie\ncategory: help-center\nprovider: { party: third, name: "Vimeo, Inc.", privacyPolicy: "https://vimeo.com/privacy" }\nlifetime: session\npurpose: { en: Test., sv: Test. }\n',
        },
      ]),
    );
    if (!catalog) throw new Error('test bug: the edited catalog is not valid');
    const { problems, undeclared } = compare(catalog, START, [
      pass([cookie('vuid', '.vimeo.com'), cookie('vuid', '.player.example.net')]),
    ]);
    expect(undeclared).toEqual([]);
    const notes = problems.filter((p) => p.rule === 'audit/name-only');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'info' });
    expect(notes[0]?.message).toMatch(/counts as vimeo by its name alone/);
    expect(notes[0]?.fix).toMatch(/write provider\.domain in cookies\/vimeo\.yaml/);
  });

  it('says nothing for an entry whose domain is stated', async () => {
    const { catalog } = await loadCatalog(
      await editedCatalog([
        {
          file: 'cookies/vimeo.yaml',
          with: 'id: vimeo\nname: vuid\nkind: cookie\ncategory: help-center\nprovider: { name: "Vimeo, Inc.", domain: vimeo.com, privacyPolicy: "https://vimeo.com/privacy" }\nlifetime: session\npurpose: { en: Test., sv: Test. }\n',
        },
      ]),
    );
    if (!catalog) throw new Error('test bug: the edited catalog is not valid');
    const { problems } = compare(catalog, START, [pass([cookie('vuid', '.vimeo.com')])]);
    expect(problems.filter((p) => p.rule === 'audit/name-only')).toEqual([]);
  });
});
