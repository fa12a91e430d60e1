import { createHash } from 'node:crypto';
import { escapeInvisible } from '@cookie-catalog/catalog';
import { getDomain } from 'tldts';
import { roundedLifetime } from '../drift.js';
import type {
  ObservedCookie,
  ObservedRequest,
  ObservedStorage,
  Pass,
  PassName,
} from '../observe.js';
import type { AuditJson, AuditJsonProblem } from './audit-json.js';
import { type Organisations, organisationsFrom } from './organisations.js';
import { type ColumnWidth, REPORT_CSS } from './report-style.js';

/*
 * The audit as one HTML file a person can send to legal or to a supervisor: the summary first,
 * then the provenance, then each pass with its first page as the visitor saw it and, page by
 * page, the cookies, storage keys and requests to other sites, each finding beside the thing it
 * is about and the evidence of who stored it.
 *
 * Everything the site controls (addresses, names, keys, stacks) is data: escaped for HTML, its
 * invisible and bidirectional characters shown as \u{…}, never a link. The page runs no script
 * and loads nothing: a Content-Security-Policy allows only its own style sheet (by hash) and
 * data: images, so even an escaping mistake could not run a script or reach the network.
 */

export interface HtmlReportOptions {
  /** The JSON text the report is made from (what `--format json` writes): hashed, and attached. */
  readonly jsonText: string;
  /** Who third-party hosts belong to; default: the Open Cookie Database's table alone. */
  readonly organisations?: Organisations;
}

/** Text for HTML: escaped, with invisible and bidirectional characters shown as `\u{202E}`. */
function text(value: string | number): string {
  return escapeInvisible(String(value)).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const code = (value: string) => `<code>${text(value)}</code>`;

const PASS_WORDS: Record<PassName, string> = {
  'before consent':
    'A fresh browser visits the site and answers nothing: what is stored before the visitor is asked.',
  'after consent':
    'A fresh browser that has accepted the optional categories (the consent cookie, or the accept control clicked on the first page).',
  'after reject':
    'A fresh browser that clicks reject on the first page: nothing of a category that needs consent may be stored after that.',
  'gpc, after consent':
    'A fresh browser that sends Global Privacy Control (Sec-GPC: 1, navigator.globalPrivacyControl) and then accepts: advertising categories must still stay empty.',
};

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

function siteOf(host: string): string {
  const bare = host.replace(/^\./, '').replace(/:\d+$/, '').toLowerCase();
  return getDomain(bare, { allowPrivateDomains: true }) ?? bare;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The report of one run. Pure: the same JSON text gives the same file. */
export function renderAuditHtml(json: AuditJson, options: HtmlReportOptions): string {
  const organisations = options.organisations ?? organisationsFrom();
  const sha256 = createHash('sha256').update(options.jsonText).digest('hex');
  const site = siteOf(hostOf(json.url));
  let ids = 0;
  const id = (prefix: string) => `${prefix}-${++ids}`;
  const rendered = new Set<AuditJsonProblem>();

  const finding = (p: AuditJsonProblem) => {
    rendered.add(p);
    return `<li class="finding ${p.severity}"><p><span class="severity">${SEVERITY_WORD[p.severity]}</span> ${code(p.rule)}: ${text(p.message)}</p><p><span class="muted">Fix:</span> ${text(p.fix)}</p>${p.citation ? `<p class="muted">${text(p.citation)}</p>` : ''}${p.page ? `<p class="muted">Page: ${code(p.page)}</p>` : ''}</li>`;
  };
  const findings = (list: readonly AuditJsonProblem[]) =>
    list.length === 0 ? '' : `<ul class="findings">${list.map(finding).join('')}</ul>`;
  const counts = (list: readonly AuditJsonProblem[]): [number, number, number] => [
    list.filter((p) => p.severity === 'error').length,
    list.filter((p) => p.severity === 'warning').length,
    list.filter((p) => p.severity === 'info').length,
  ];

  const organisation = (host: string) => {
    if (siteOf(host) === site) return 'this site';
    const found = organisations.of(host);
    return found
      ? `${text(found.name)} <span class="muted">(${text(found.source)})</span>`
      : '<span class="muted">not known</span>';
  };

  // Summary: per pass, then what belongs to no pass (entries never seen).
  const passless = json.problems.filter(
    (p) => p.pass === undefined || !json.passes.some((x) => x.name === p.pass),
  );
  const summaryRows = [
    ...json.passes.map((pass, i) => {
      const [errors, warnings, notes] = counts(json.problems.filter((p) => p.pass === pass.name));
      return `<tr><th scope="row"><a href="#pass-${i + 1}">${text(pass.name)}</a></th><td>${pass.pages.length}</td><td>${errors}</td><td>${warnings}</td><td>${notes}</td></tr>`;
    }),
    ...(passless.length > 0
      ? [
          (() => {
            const [errors, warnings, notes] = counts(passless);
            return `<tr><th scope="row"><a href="#site">the whole site</a></th><td></td><td>${errors}</td><td>${warnings}</td><td>${notes}</td></tr>`;
          })(),
        ]
      : []),
  ];
  const [errors, warnings, notes] = counts(json.problems);
  const verdict =
    errors > 0
      ? `${errors} error${errors === 1 ? '' : 's'}: the site stores or sends what the catalog does not allow.`
      : 'No errors: the site stores what the catalog declares.';
  const summary = `<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<p><strong>${text(verdict)}</strong> ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${notes} note${notes === 1 ? '' : 's'} in ${json.passes.length} pass${json.passes.length === 1 ? '' : 'es'}.</p>
${json.drift ? `<p>Since the baseline ${code(json.drift.baseline)}: ${json.drift.new} new, ${json.drift.gone} gone, ${json.drift.changed} changed.</p>` : ''}
${table('summary-table', 'Findings per pass', ['Pass', 'Pages', 'Errors', 'Warnings', 'Notes'], summaryRows)}
${json.warnings.length > 0 ? `<p>${json.warnings.length} page${json.warnings.length === 1 ? ' was' : 's were'} not fully seen; see <a href="#not-seen">pages not fully seen</a>.</p>` : ''}
</section>`;

  const prov = json.provenance;
  const row = (term: string, value: string) => `<dt>${text(term)}</dt><dd>${value}</dd>`;
  const provenance = `<section aria-labelledby="provenance"><h2 id="provenance">Provenance</h2>
<dl class="provenance">${[
    ...(prov
      ? [
          row(
            'Date and time (UTC)',
            `<time datetime="${text(prov.startedAt)}">${text(prov.startedAt)}</time> to <time datetime="${text(prov.finishedAt)}">${text(prov.finishedAt)}</time>`,
          ),
          row('Tool', `${text(prov.tool)} (@cookie-catalog/audit ${text(prov.auditVersion)})`),
          row('Catalog version', text(prov.catalogVersion)),
          row('Browser', text(prov.browser.version)),
          row(
            'Browser settings',
            `third-party cookies ${text(prov.browser.thirdPartyCookies)}; a fresh profile for each pass`,
          ),
          row('User agent', code(prov.browser.userAgent)),
          row(
            'Viewport',
            `${text(prov.browser.viewport.width)} × ${text(prov.browser.viewport.height)} CSS pixels`,
          ),
          row(
            'Page limit',
            `${text(prov.pageLimit)} page${prov.pageLimit === 1 ? '' : 's'} per pass`,
          ),
          row('Redacted', prov.redacted ? 'yes: query strings and screenshots left out' : 'no'),
        ]
      : [row('Run', 'not recorded: the JSON was written by a version without provenance')]),
    row('Start address', code(json.url)),
    row('JSON schema version', text(json.schemaVersion)),
    row(
      'SHA-256 of the JSON',
      `${code(sha256)} <span class="muted">(of the JSON file this report was made from, as written by --format json; attached below)</span>`,
    ),
    row('Organisations of hosts', organisations.sources.map(text).join('; ')),
  ].join('\n')}</dl></section>`;

  const passes = json.passes.map((pass, i) => renderPass(pass, i + 1)).join('\n');

  function renderPass(pass: Pass, n: number): string {
    const mine = json.problems.filter((p) => p.pass === pass.name);
    const pages = pass.pages.length > 0 ? pass.pages : [json.url];
    const pageOf = (page: string) => (pages.includes(page) ? page : (pages[0] as string));
    // Only base64 of a JPEG reaches the data: address, also from a caller that did not read the
    // JSON through parseAuditJson.
    const taken = pass.firstView?.screenshot;
    const shot =
      taken?.mediaType === 'image/jpeg' && /^[A-Za-z0-9+/]*={0,2}$/.test(taken.base64)
        ? taken
        : undefined;
    const view = pass.firstView
      ? shot
        ? `<figure><img src="data:${shot.mediaType};base64,${shot.base64}" width="${text(pass.firstView.viewport.width)}" height="${text(pass.firstView.viewport.height)}" alt="The first page, ${text(pages[0] as string)}, as the visitor saw it in the ${text(pass.name)} pass, before any click"><figcaption>The first page as the visitor saw it (the viewport, ${text(pass.firstView.viewport.width)} × ${text(pass.firstView.viewport.height)}), before any click.</figcaption></figure>`
        : '<p class="muted">No screenshot: the run was redacted, or the first page could not be captured.</p>'
      : '<p class="muted">No screenshot: this JSON was written by a version that took none.</p>';
    const body = pages
      .map((page) => {
        const cookies = pass.cookies.filter((c) => pageOf(c.page) === page);
        const storage = pass.storage.filter((s) => pageOf(s.page) === page);
        const requests = pass.requests.filter((r) => pageOf(r.page) === page);
        const parts = [
          cookies.length ? cookieTable(cookies, mine) : '',
          storage.length ? storageTable(storage, mine) : '',
          requests.length ? requestTable(requests, mine, page) : '',
        ].join('');
        return `<h4>Page ${code(page)}</h4>${parts || '<p class="muted">Nothing stored or sent to other sites was first seen on this page.</p>'}`;
      })
      .join('\n');
    // What is about the pass, not one thing (the banner, drift), and findings whose evidence is
    // not in this JSON (an older file): after the pages, so none is left out.
    const rest = mine.filter((p) => !rendered.has(p));
    const notes = pass.notes.length
      ? `<h4>Pages not fully seen in this pass</h4><ul>${pass.notes.map((x) => `<li>${code(x.page)}: ${text(x.message)}</li>`).join('')}</ul>`
      : '';
    return `<section aria-labelledby="pass-${n}"><h2 id="pass-${n}">Pass ${n}: ${text(pass.name)}</h2>
<p>${text(PASS_WORDS[pass.name])} ${pass.pages.length} page${pass.pages.length === 1 ? '' : 's'} visited${pass.popups ? `; ${pass.popups} window${pass.popups === 1 ? '' : 's'} the pages opened were closed at once` : ''}.</p>
${view}
${rest.length ? `<h3>Findings about this pass</h3>${findings(rest)}` : ''}
<h3>Page by page</h3>
${body}
${notes}
</section>`;
  }

  function cookieTable(cookies: readonly ObservedCookie[], mine: readonly AuditJsonProblem[]) {
    const rows = cookies.map((c) => {
      const about = mine.filter(
        (p) =>
          p.subject?.kind === 'cookie' &&
          p.subject.name === c.name &&
          p.subject.domain === c.domain &&
          p.subject.path === c.path,
      );
      const flags = [
        c.httpOnly && 'HttpOnly',
        c.secure && 'Secure',
        `SameSite=${c.sameSite}`,
        c.partitionKey !== undefined && 'Partitioned',
      ]
        .filter(Boolean)
        .join(', ');
      const kept =
        c.expires === -1 ? 'the session' : roundedLifetime(Math.max(0, c.expires - c.seenAt));
      return `<tr><th scope="row">${code(c.name)}</th><td>${code(`${c.domain}${c.path}`)}</td><td>${organisation(c.domain)}</td><td>${text(kept)}</td><td>${text(flags)}</td><td>${c.setBy ? code(c.setBy) : '<span class="muted">not seen (found in the cookie jar)</span>'}</td><td>${findings(about) || '<span class="muted">none</span>'}</td></tr>`;
    });
    return table(
      id('cookies'),
      'Cookies',
      [
        ['Name', 13],
        ['Domain and path', 11],
        ['Organisation', 10],
        ['Kept for', 8],
        ['Attributes', 10],
        ['Set by (response, or script and stack)', 20],
        ['Findings', 28],
      ],
      rows,
    );
  }

  function storageTable(items: readonly ObservedStorage[], mine: readonly AuditJsonProblem[]) {
    const rows = items.map((s) => {
      const about = mine.filter(
        (p) =>
          p.subject?.kind === 'storage' &&
          p.subject.storage === s.kind &&
          p.subject.origin === s.origin &&
          p.subject.key === s.key,
      );
      return `<tr><th scope="row">${code(s.key)}</th><td>${text(s.kind)}</td><td>${code(s.origin)}</td><td>${organisation(hostOf(s.origin))}</td><td>${findings(about) || '<span class="muted">none</span>'}</td></tr>`;
    });
    return table(
      id('storage'),
      'Storage keys (local and session storage; IndexedDB databases and caches by name)',
      [
        ['Key', 20],
        ['Kind', 12],
        ['Origin', 18],
        ['Organisation', 14],
        ['Findings', 36],
      ],
      rows,
    );
  }

  function requestTable(
    requests: readonly ObservedRequest[],
    mine: readonly AuditJsonProblem[],
    page: string,
  ) {
    const hosts = new Map<string, ObservedRequest[]>();
    for (const r of requests) hosts.set(r.host, [...(hosts.get(r.host) ?? []), r]);
    const rows = [...hosts].map(([host, list]) => {
      const about = mine.filter(
        (p) => p.subject?.kind === 'request' && p.subject.host === host && p.page === page,
      );
      const types = [
        ...new Set(list.map((r) => (r.invisible ? `${r.type} (invisible)` : r.type))),
      ].join(', ');
      const examples = list
        .slice(0, 3)
        .map((r) => `<li>${code(r.url)}</li>`)
        .join('');
      return `<tr><th scope="row">${code(host)}</th><td>${organisation(host)}</td><td>${list.length}: ${text(types)}</td><td><ul>${examples}</ul>${list.length > 3 ? `<p class="muted">and ${list.length - 3} more</p>` : ''}</td><td>${findings(about) || '<span class="muted">none</span>'}</td></tr>`;
    });
    return table(
      id('requests'),
      'Requests to other sites',
      [
        ['Host', 18],
        ['Organisation', 13],
        ['Requests', 11],
        ['Addresses (first three)', 25],
        ['Findings', 33],
      ],
      rows,
    );
  }

  // After the passes: what no pass holds (entries never seen), then anything not yet shown.
  const left = json.problems.filter((p) => !rendered.has(p));
  const whole = left.length
    ? `<section aria-labelledby="site"><h2 id="site">Findings about the whole site</h2>${findings(left)}</section>`
    : '';
  const notSeen = json.warnings.length
    ? `<section aria-labelledby="not-seen"><h2 id="not-seen">Pages not fully seen</h2><ul>${json.warnings.map((w) => `<li>${text(w.pass)}: ${code(w.page)}: ${text(w.message)}</li>`).join('')}</ul></section>`
    : '';
  const attached = `<section aria-labelledby="json"><h2 id="json">The JSON this report was made from</h2><p><a download="cookie-audit.json" href="data:application/json;base64,${Buffer.from(options.jsonText).toString('base64')}">Download the JSON</a> (${Buffer.byteLength(options.jsonText)} bytes; SHA-256 ${code(sha256)}). <code>cookie-catalog audit report FILE</code> makes this report again from it.</p></section>`;

  const styleHash = createHash('sha256').update(REPORT_CSS).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Cookie audit of ${text(hostOf(json.url))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>Cookie audit of ${code(json.url)}</h1>
${summary}
${provenance}
${passes}
${whole}
${notSeen}
${attached}
</main>
</body>
</html>
`;
}

/**
 * A table in a region that scrolls on small screens (WCAG 2.2 1.4.10), named by its caption.
 * Columns given a width (a percentage REPORT_CSS has a class for) keep it: a long address or
 * stack wraps inside its column instead of squeezing the others to a letter a line.
 */
function table(
  tableId: string,
  caption: string,
  head: readonly (string | readonly [string, ColumnWidth])[],
  rows: readonly string[],
): string {
  const widths = head.flatMap((h) => (typeof h === 'string' ? [] : [h[1]]));
  const columns =
    widths.length === head.length
      ? `<colgroup>${widths.map((w) => `<col class="w${w}">`).join('')}</colgroup>`
      : '';
  return `<div class="scroll" role="region" aria-labelledby="${tableId}-caption" tabindex="0"><table id="${tableId}"${columns ? ' class="fixed"' : ''}><caption id="${tableId}-caption">${text(caption)}</caption>${columns}<thead><tr>${head.map((h) => `<th scope="col">${text(typeof h === 'string' ? h : h[0])}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
