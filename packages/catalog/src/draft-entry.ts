import { escapeInvisible } from './invisible-characters.js';
import type { EntryKind, Party, SetBy } from './model.js';

/*
 * A draft entry file for something found outside the catalog: a row of another cookie database
 * (`cookie-catalog import`) or what a browser saw (`cookie-catalog audit --propose`). It holds
 * every observed fact and a TODO wherever only legal can write the text; validate reports each
 * TODO (rule text/todo) until it is written, so a draft can never be published by accident.
 */

export interface EntryDraft {
  readonly id: string;
  /** The name, or a pattern with {parameters}. */
  readonly name: string;
  /** One per {parameter} in the name: the example seen, if any. */
  readonly nameParameters?: Readonly<Record<string, { readonly example: string }>>;
  readonly kind: EntryKind;
  /** A declared category id, or undefined for a TODO. */
  readonly category: string | undefined;
  readonly party: Party;
  readonly setBy: SetBy;
  readonly provider: {
    readonly name?: string;
    readonly domain: string;
    readonly privacyPolicy?: string;
  };
  /**
   * As the entry file writes it: a duration ("2 years"), session, unknown, { statedByProvider … },
   * or undefined for a TODO.
   */
  readonly lifetime: string | DraftLifetime | undefined;
  /** What the source says the entry is for: shown in the TODO, never published as it is. */
  readonly purposeHint?: string;
  /** Where the facts come from, one line each, written as comments at the top. */
  readonly comments: readonly string[];
}

/** `{ statedByProvider: "2 years" }`, `{ statedByProvider: { from, to }, orInactiveFor }`. */
export interface DraftLifetime {
  readonly statedByProvider: string | { readonly from: string; readonly to: string };
  readonly orInactiveFor?: string;
}

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;

/**
 * The longest id a draft gets from a name: the id is also its file's name (`<id>.yaml`), and file
 * systems take at most 255 bytes for one; a cookie name can be up to 4096.
 */
export const MAX_DRAFT_ID_LENGTH = 64;

/** For each `taken` set, the next number to try after each base id (so n equal names are O(n)). */
const nextNumber = new WeakMap<Set<string>, Map<string, number>>();

/**
 * An entry id from a cookie name that no entry in `taken` has: `_ga_` → `ga`, `AMP_TOKEN` →
 * `amp_token`, at most MAX_DRAFT_ID_LENGTH characters; `taken` gets the new id.
 */
export function draftId(name: string, taken: Set<string>): string {
  let base = name
    .replace(/\{[^}]*\}|\*|<[^>]*>/g, '_')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(base)) base = `cookie_${base}`.replace(/_+$/, '');
  // Room for a `_123456` that tells equal names apart, and no `_` left at the cut.
  base = base.slice(0, MAX_DRAFT_ID_LENGTH - 7).replace(/_+$/, '');
  if (!ID_PATTERN.test(base)) base = 'cookie';
  let numbers = nextNumber.get(taken);
  if (numbers === undefined) {
    numbers = new Map();
    nextNumber.set(taken, numbers);
  }
  let n = numbers.get(base) ?? 2;
  let id = base;
  if (taken.has(id)) {
    while (taken.has(`${base}_${n}`)) n++;
    id = `${base}_${n}`;
    numbers.set(base, n + 1);
  }
  taken.add(id);
  return id;
}

/** The YAML text of a draft entry, in the catalog's locales. Every value is quoted: inert. */
export function draftEntryYaml(draft: EntryDraft, locales: readonly string[]): string {
  const q = (value: string) => JSON.stringify(value);
  const comment = (line: string) =>
    `# ${escapeInvisible(line.replace(/[\r\n]+/g, ' ')).slice(0, 300)}`;
  const lines = [
    '# yaml-language-server: $schema=../../packages/catalog/schema/entry.schema.json',
    ...draft.comments.map(comment),
    `id: ${q(draft.id)}`,
    `name: ${q(draft.name)}`,
  ];
  const parameters = Object.entries(draft.nameParameters ?? {});
  if (parameters.length > 0) {
    lines.push('nameParameters:');
    for (const [name, { example }] of parameters) {
      lines.push(
        `  ${name}:`,
        '    type: string',
        `    example: ${q(example)}`,
        '    description:',
      );
      for (const locale of locales) lines.push(`      ${locale}: "TODO: what the ${name} part is"`);
    }
  }
  lines.push(
    `kind: ${draft.kind}`,
    `category: ${q(draft.category ?? 'TODO: choose a category from policy.yaml')}`,
    'provider:',
    `  party: ${draft.party}`,
  );
  if (draft.provider.name !== undefined) lines.push(`  name: ${q(draft.provider.name)}`);
  lines.push(`  domain: ${q(draft.provider.domain)}`);
  if (draft.provider.privacyPolicy !== undefined)
    lines.push(`  privacyPolicy: ${q(draft.provider.privacyPolicy)}`);
  else if (draft.party === 'third')
    lines.push('  privacyPolicy: "TODO: https link to their privacy policy"');
  lines.push(`setBy: ${draft.setBy}`);
  const { lifetime } = draft;
  if (lifetime === undefined) lines.push(`lifetime: "TODO: how long it is kept"`);
  else if (typeof lifetime === 'string') lines.push(`lifetime: ${q(lifetime)}`);
  else {
    lines.push('lifetime:');
    const stated = lifetime.statedByProvider;
    lines.push(
      typeof stated === 'string'
        ? `  statedByProvider: ${q(stated)}`
        : `  statedByProvider: { from: ${q(stated.from)}, to: ${q(stated.to)} }`,
    );
    if (lifetime.orInactiveFor !== undefined)
      lines.push(`  orInactiveFor: ${q(lifetime.orInactiveFor)}`);
  }
  lines.push('purpose:');
  const hint = draft.purposeHint?.replace(/\s+/g, ' ').trim();
  for (const locale of locales) {
    lines.push(
      `  ${locale}: ${q(hint ? `TODO: why we use it (the source says: ${hint})` : 'TODO: why we use it')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
