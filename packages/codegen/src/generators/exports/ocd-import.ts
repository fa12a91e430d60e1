import {
  draftId,
  type EntryDraft,
  OCD_CATEGORIES,
  type OcdCategory,
} from '@cookie-catalog/catalog';
import { parseCsv } from './csv.js';
import { OCD_COLUMNS } from './ocd-csv.js';
import { parseRetention } from './retention.js';

/*
 * Rows of an Open Cookie Database CSV (the database itself, or our own csv/ocd export) as draft
 * entries: the facts the row states, a TODO where only legal can write.
 */

export interface OcdImportContext {
  /** The catalog's categories with their OCD category, in declared order. */
  readonly categories: readonly { readonly id: string; readonly openCookieDatabase?: string }[];
  /** Ids already in the catalog; drafts get others. */
  readonly takenIds: Iterable<string>;
  /** Our own domain, for rows that say "(1st party)" without naming one. */
  readonly ownDomain: string;
  /** Shown in each draft's comments: where the rows come from. */
  readonly sourceName: string;
}

export type OcdImport =
  | { readonly ok: true; readonly drafts: readonly EntryDraft[]; readonly rowsRead: number }
  | {
      readonly ok: false;
      readonly line: number;
      readonly column: number;
      readonly reason: string;
      readonly fix: string;
    };

export function importOcdCsv(
  text: string,
  context: OcdImportContext,
  filter: { readonly platforms: readonly string[] } = { platforms: [] },
): OcdImport {
  const parsed = parseCsv(text, { unguard: true });
  if (!parsed.ok)
    return {
      ...parsed,
      fix: 'close the quoted field with a second " (a " inside one is written "")',
    };
  const [header, ...rows] = parsed.rows;
  const expected = OCD_COLUMNS.join(',');
  if (!header || header.join(',') !== expected) {
    return {
      ok: false,
      line: 1,
      column: 1,
      reason: `the first line is not the Open Cookie Database header (${expected})`,
      fix: 'import the Open Cookie Database CSV itself (open-cookie-database.csv), or our own csv/ocd export, with its header line as it is',
    };
  }
  const wanted = new Set(filter.platforms.map((p) => p.toLowerCase()));
  const taken = new Set(context.takenIds);
  const drafts: EntryDraft[] = [];
  let line = 1;
  for (const row of rows) {
    line++;
    if (row.length === 1 && row[0] === '') continue; // a blank line
    if (row.length !== OCD_COLUMNS.length) {
      return {
        ok: false,
        line,
        column: 1,
        reason: `row has ${row.length} fields; the Open Cookie Database has ${OCD_COLUMNS.length}`,
        fix: 'quote a field that holds a comma ("a, b"), or remove the extra fields of this row',
      };
    }
    const [
      id,
      platform,
      category,
      rawName,
      domainText,
      description,
      retention,
      controller,
      portal,
      wildcard,
    ] = row as [string, string, string, string, string, string, string, string, string, string];
    if (wanted.size > 0 && !wanted.has(platform.toLowerCase())) continue;
    const { name, parameters } = namePattern(rawName, wildcard.trim() === '1');
    const firstParty = /1st party/i.test(domainText) || !/3rd party/i.test(domainText);
    const named = /([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\.[a-z]{2,})\s*\(1st party\)/i.exec(domainText);
    const domain = firstParty
      ? (named?.[1]?.toLowerCase() ?? context.ownDomain)
      : (firstDomain(domainText) ?? context.ownDomain);
    const lifetime = parseRetention(retention);
    const privacyPolicy = /^https:\/\/\S+$/.test(portal.trim()) ? portal.trim() : undefined;
    drafts.push({
      id: draftId(name, taken),
      name,
      ...(parameters.length > 0 && {
        nameParameters: Object.fromEntries(parameters.map((p) => [p, { example: 'example' }])),
      }),
      kind: 'cookie',
      category: categoryFor(category, context.categories),
      party: firstParty ? 'first' : 'third',
      setBy: firstParty ? 'vendor' : 'provider',
      provider: {
        name: controller.trim() || platform.trim() || 'TODO: the company that sets it',
        domain,
        ...(privacyPolicy !== undefined && { privacyPolicy }),
      },
      lifetime,
      purposeHint: description,
      comments: [
        `Drafted by \`cookie-catalog import --from ocd-csv\` from ${context.sourceName}, line ${line}${id ? ` (ID ${id})` : ''}.`,
        `The row says: platform "${platform}", category "${category}", domain "${domainText}", retention "${retention}".`,
        'Check every fact against the provider, then write each TODO; `cookie-catalog validate` lists what is left.',
      ],
    });
  }
  return { ok: true, drafts, rowsRead: rows.length };
}

/**
 * `_ga_` with wildcard 1 → `_ga_{suffix}`; `*` → `{part1}`…; `SR<RotatorID>` → `SR{rotatorId}`;
 * an annotation such as ` [x4]` goes.
 */
export function namePattern(
  raw: string,
  wildcard: boolean,
): { name: string; parameters: string[] } {
  const parameters: string[] = [];
  const add = (wanted: string) => {
    let name = wanted;
    for (let n = 2; parameters.includes(name); n++) name = `${wanted}${n}`;
    parameters.push(name);
    return `{${name}}`;
  };
  let name = raw.trim().replace(/\s*\[x\d+\]$/i, '');
  name = name.replace(/<([^<>]*)>/g, (_, inner: string) => {
    const words = inner
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean);
    const camel = words
      .map((w, i) =>
        i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
      )
      .join('');
    return add(/^[a-z][A-Za-z0-9]*$/.test(camel) ? camel : 'part');
  });
  if (name.includes('*')) {
    name = name.replace(/\*/g, () => add('part'));
  } else if (wildcard && parameters.length === 0) {
    name = `${name}${add('suffix')}`;
  }
  return { name, parameters };
}

function firstDomain(text: string): string | undefined {
  return /\b((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})\b/i.exec(text)?.[1]?.toLowerCase();
}

function categoryFor(ocd: string, categories: OcdImportContext['categories']): string | undefined {
  const known = OCD_CATEGORIES.find((c) => c.toLowerCase() === ocd.trim().toLowerCase()) as
    | OcdCategory
    | undefined;
  if (!known) return undefined;
  return categories.find((c) => c.openCookieDatabase === known)?.id;
}
