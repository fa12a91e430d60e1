import { describe, expect, it } from 'vitest';
import { OCD_ORGANISATIONS } from './ocd-organisations.js';
import { organisationsFrom, parseOrganisations } from './organisations.js';

describe('who a third-party host belongs to', () => {
  // Expectations from the vendored table itself, not from what it holds today.
  const [host, organisation] = OCD_ORGANISATIONS[0] as readonly [string, string];

  it('a host of the Open Cookie Database, and its subdomains on a dot boundary', () => {
    const organisations = organisationsFrom();
    expect(organisations.of(host)).toEqual({ name: organisation, source: 'Open Cookie Database' });
    expect(organisations.of(`px.${host.toUpperCase()}:443`)?.name).toBe(organisation);
    expect(organisations.of(`evil${host}`)).toBeUndefined();
    expect(organisations.of('127.0.0.1:8080')).toBeUndefined();
  });

  it('the user’s list comes first', () => {
    const yours = parseOrganisations(JSON.stringify({ [`.${host}`]: 'Our reseller AB' }), 'o.json');
    expect(organisationsFrom(yours).of(`cdn.${host}`)).toEqual({
      name: 'Our reseller AB',
      source: 'your list',
    });
  });

  it.each([
    ['[]', 'is not a JSON object'],
    ['{"a b.example": "X"}', '"a b.example" is not a host name'],
    ['{"x.example": ""}', 'the organisation of x.example is not a name'],
    ['{"x.example": "A\\u001b[2JB"}', 'the organisation of x.example is not a name'],
  ])('%s is refused', (text, message) => {
    expect(() => parseOrganisations(text, 'o.json')).toThrow(message);
  });
});
