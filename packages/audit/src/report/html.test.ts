import { describe, expect, it } from 'vitest';
import type { AuditJson, AuditJsonProblem } from './audit-json.js';
import { auditJsonText } from './audit-json.js';
import { renderAuditHtml } from './html.js';
import { OCD_ORGANISATIONS } from './ocd-organisations.js';

/*
 * Where the report puts each finding: beside the cookie, key or host it is about, on the page it
 * was first seen on; findings about a pass after its screenshot; the rest under the whole site.
 * Expectations come from the fixture below.
 */

const [thirdHost, thirdOrganisation] = OCD_ORGANISATIONS[0] as readonly [string, string];
const A = 'https://shop.example/';
const B = 'https://shop.example/b';

const finding = (
  message: string,
  severity: AuditJsonProblem['severity'],
  extra: Partial<AuditJsonProblem>,
): AuditJsonProblem => ({
  page: A,
  line: 0,
  column: 0,
  rule: 'audit/undeclared-cookie',
  severity,
  message,
  fix: `fix of ${message}`,
  ...extra,
});

const RUN: AuditJson = {
  schemaVersion: 2,
  url: A,
  errors: 3,
  notes: 2,
  warnings: [],
  passes: [
    {
      name: 'before consent',
      pages: [A, B],
      cookies: [
        {
          name: 'sid',
          domain: 'shop.example',
          path: '/',
          expires: -1,
          httpOnly: true,
          secure: true,
          sameSite: 'Lax',
          partitionKey: undefined,
          seenAt: 1,
          page: A,
          setBy: `response ${A}`,
        },
      ],
      storage: [{ kind: 'localStorage', origin: 'https://shop.example', key: 'cart', page: B }],
      requests: [
        {
          url: `https://px.${thirdHost}/p.gif`,
          host: `px.${thirdHost}`,
          type: 'image',
          invisible: true,
          page: B,
        },
      ],
      popups: 0,
      notes: [],
    },
    {
      name: 'after reject',
      pages: [A],
      cookies: [],
      storage: [],
      requests: [],
      popups: 0,
      notes: [],
    },
  ],
  problems: [
    finding('cookie finding', 'error', {
      pass: 'before consent',
      subject: { kind: 'cookie', name: 'sid', domain: 'shop.example', path: '/' },
    }),
    finding('storage finding', 'error', {
      page: B,
      pass: 'before consent',
      subject: {
        kind: 'storage',
        storage: 'localStorage',
        origin: 'https://shop.example',
        key: 'cart',
      },
    }),
    finding('request finding', 'info', {
      page: B,
      pass: 'before consent',
      subject: { kind: 'request', host: `px.${thirdHost}` },
    }),
    finding('banner finding', 'error', { pass: 'after reject' }),
    finding('not seen finding', 'info', {}),
  ],
};

const html = renderAuditHtml(RUN, { jsonText: auditJsonText(RUN) });

/** The table row whose header cell is `<code>name</code>`. */
function rowOf(name: string): string {
  const start = html.indexOf(`<tr><th scope="row"><code>${name}</code>`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
}

/** The part of the page from one heading to the next of the same level. */
function section(id: string): string {
  const start = html.indexOf(`<section aria-labelledby="${id}">`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('renderAuditHtml', () => {
  it.each([
    ['sid', 'cookie finding'],
    ['cart', 'storage finding'],
    [`px.${thirdHost}`, 'request finding'],
  ])('puts the finding about %s in its row', (name, message) => {
    expect(rowOf(name)).toContain(message);
    expect(rowOf(name)).toContain(`fix of ${message}`);
  });

  it('names the other site’s organisation, and ours as this site', () => {
    expect(rowOf(`px.${thirdHost}`)).toContain(
      `${thirdOrganisation} <span class="muted">(Open Cookie Database)</span>`,
    );
    expect(rowOf('sid')).toContain('<td>this site</td>');
  });

  it('a finding about a pass follows its screenshot; one about no pass is the whole site’s', () => {
    expect(section('pass-2')).toContain('Findings about this pass');
    expect(section('pass-2')).toContain('banner finding');
    expect(section('pass-1')).not.toContain('banner finding');
    expect(section('site')).toContain('not seen finding');
  });

  it('counts per pass in the summary, from the findings', () => {
    const summary = section('summary');
    const cells = (name: string) =>
      new RegExp(`${name}</a></th>((?:<td>\\d*</td>)+)</tr>`).exec(summary)?.[1]?.match(/\d+/g);
    const count = (pass: string | undefined, severity: AuditJsonProblem['severity']) =>
      String(RUN.problems.filter((p) => p.pass === pass && p.severity === severity).length);
    for (const [i, pass] of RUN.passes.entries())
      expect(cells(pass.name)).toEqual([
        String(RUN.passes[i]?.pages.length),
        count(pass.name, 'error'),
        count(pass.name, 'warning'),
        count(pass.name, 'info'),
      ]);
    expect(cells('the whole site')).toEqual([
      count(undefined, 'error'),
      count(undefined, 'warning'),
      count(undefined, 'info'),
    ]);
  });

  it('shows a screenshot only as base64 of a JPEG, also when the JSON was not read by parseAuditJson', () => {
    const withShot = (base64: string): AuditJson => ({
      ...RUN,
      passes: RUN.passes.map((p) => ({
        ...p,
        firstView: {
          screenshot: { mediaType: 'image/jpeg', base64 },
          viewport: { width: 2, height: 1 },
          browserVersion: 'Chrome/1',
          userAgent: 'x',
        },
      })),
    });
    const good = withShot('/9j/4AAQ');
    expect(renderAuditHtml(good, { jsonText: auditJsonText(good) })).toContain(
      '<img src="data:image/jpeg;base64,/9j/4AAQ" width="2" height="1"',
    );
    const bad = withShot('AA" onerror="alert(1)');
    const page = renderAuditHtml(bad, { jsonText: auditJsonText(bad) });
    expect(page).not.toContain('<img');
    expect(page).not.toContain('onerror="alert');
  });

  it('the same JSON text gives the same page', () => {
    expect(renderAuditHtml(RUN, { jsonText: auditJsonText(RUN) })).toBe(html);
  });
});
