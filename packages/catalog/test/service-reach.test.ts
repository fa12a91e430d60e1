import fc from 'fast-check';
import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { checkServiceHost } from '../src/rules/service-rules.js';
import { domainMatches, reachOf, servicesReached } from '../src/service-reach.js';

/*
 * What validate and the model say about where a cookie goes (service-reach.ts, service/unreachable)
 * held against a real cookie jar (tough-cookie, RFC 6265): for hosts on two parent domains, a
 * `Domain` cookie is sent exactly to the hosts `domainMatches` names, and a host-only cookie only
 * to the host that set it.
 */

const PARENTS = ['billogram.com', 'billogram.se'] as const;
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/);
/** A host under one of the parents: `billogram.com`, `app.billogram.com`, `a.b.billogram.se`. */
const host = fc
  .tuple(fc.constantFrom(...PARENTS), fc.array(label, { maxLength: 3 }))
  .map(([parent, labels]) => [...labels, parent].join('.'));
/** A Domain a host may set: the host itself or one of its parents, never a public suffix. */
const settable = (from: string) =>
  fc.nat().map((n) => {
    const labels = from.split('.');
    const choices = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
    return choices[n % choices.length] ?? from;
  });

async function sentTo(setCookie: string, from: string, to: string): Promise<boolean> {
  const jar = new CookieJar();
  await jar.setCookie(setCookie, `https://${from}/`);
  const cookies = await jar.getCookies(`https://${to}/`);
  return cookies.some((cookie) => cookie.key === 'x');
}

describe('where a cookie goes, by a real cookie jar', () => {
  it('a Domain cookie is sent exactly to the hosts domainMatches names', async () => {
    await fc.assert(
      fc.asyncProperty(
        host.chain((from) => fc.tuple(fc.constant(from), settable(from), host)),
        async ([from, domain, to]) => {
          const sent = await sentTo(`x=1; Domain=${domain}; Path=/; Secure`, from, to);
          expect(sent).toBe(domainMatches(to, domain));
          const reached = servicesReached(domain, [
            { id: 'to', name: {}, runBy: 'us', hosts: [to] },
          ]);
          expect(reached.length === 1).toBe(sent);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a service that states only its domain: reached means sent to every host under it, not reached to none', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        host.chain((from) => fc.tuple(fc.constant(from), settable(from))),
        host,
        fc.array(label, { maxLength: 2 }),
        async ([from, domain], serviceDomain, below) => {
          const reach = reachOf({ domain: serviceDomain }, domain);
          seen.add(reach);
          if (reach === 'unknown') return;
          const to = [...below, serviceDomain].join('.');
          const sent = await sentTo(`x=1; Domain=${domain}; Path=/; Secure`, from, to);
          expect(sent).toBe(reach === 'reached');
          expect(
            servicesReached(domain, [{ id: 's', name: {}, runBy: 'us', domain: serviceDomain }]),
          ).toEqual(reach === 'reached' ? ['s'] : []);
        },
      ),
      { numRuns: 300 },
    );
    // The generators reach all three answers, so the property held for each.
    expect([...seen].sort()).toEqual(['not reached', 'reached', 'unknown']);
  });

  it('a host-only cookie is sent only to the host that set it: another host never receives it', async () => {
    await fc.assert(
      fc.asyncProperty(host, host, async (from, to) => {
        expect(await sentTo('x=1; Path=/; Secure', from, to)).toBe(from === to);
      }),
      { numRuns: 200 },
    );
  });

  it('every generated host is a host a service may state', () => {
    fc.assert(
      fc.property(host, (name) => {
        expect(checkServiceHost(name, PARENTS)).toEqual({ ok: true });
      }),
    );
  });
});
