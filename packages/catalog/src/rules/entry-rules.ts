import { effectiveAttributes, isOwnCookie } from '../defaults.js';
import { deriveEntry } from '../entry-facts.js';
import type { EntryInput, StatedEntryInput } from '../schema.js';
import { checkAcknowledgements, checkAdvice } from './advice-rules.js';
import { checkAttributes } from './attribute-rules.js';
import { checkCategory } from './category-rules.js';
import type { CatalogContext, FileReport } from './check-context.js';
import { checkLifetime } from './lifetime-rules.js';
import { checkEntryId, checkName } from './name-rules.js';
import { checkParty, checkProviderPlaceholder, checkStatedParty } from './party-rules.js';
import { checkEntryPlaceholderDomains } from './placeholder-domain-rules.js';
import { checkRetirement } from './retirement-rules.js';
import { checkEntryServices } from './service-rules.js';
import { checkKindDeclarations } from './storage-kind-rules.js';
import { checkLocalizedText } from './text-rules.js';
import { checkValue } from './value-rules.js';

/**
 * The top-level fields each rule may read (directly or through defaults): when a field failed the
 * schema, the rules that read it are skipped and the others still run.
 */
const READS = {
  id: ['id', 'name', 'kind'],
  name: ['name', 'kind', 'nameParameters'],
  party: ['provider', 'setBy', 'kind'],
  kind: ['kind', 'provider', 'setBy', 'attributes', 'value', 'lifetime', 'name'],
  lifetime: ['lifetime', 'kind', 'provider', 'setBy'],
  retirement: ['retired', 'lifetime', 'kind', 'provider', 'setBy'],
  attributes: ['attributes', 'name', 'nameParameters', 'kind', 'provider', 'setBy'],
  value: ['value', 'name', 'nameParameters', 'kind', 'provider', 'setBy', 'attributes'],
  placeholder: ['provider'],
  category: ['category'],
  acknowledge: ['acknowledge', 'name', 'kind', 'provider', 'setBy', 'attributes'],
  services: ['services'],
} as const satisfies Record<string, readonly (keyof EntryInput)[]>;

/**
 * Every rule that one entry file must satisfy on its own, each subject in its own module. The
 * order is part of the output (problems at one place keep it), and advice comes last: it is
 * given only when nothing before it was an error. `broken` names the fields that failed the
 * schema (and are absent from `entry`): rules that read them are skipped. Returns the entry with
 * what follows from its stated facts filled in (entry-facts.ts), which is what the catalog holds.
 */
export function checkEntry(
  report: FileReport,
  context: CatalogContext,
  stated: StatedEntryInput,
  broken: ReadonlySet<string> = new Set(),
): EntryInput {
  const { entry, party } = deriveEntry(stated, {
    ownDomains: context.controller?.ownDomains ?? [],
    name: context.controller?.name,
  });
  const can = (rule: keyof typeof READS) => READS[rule].every((field) => !broken.has(field));
  if (can('id')) checkEntryId(report, entry);
  if (can('name')) checkName(report, entry);
  if (can('party')) {
    checkStatedParty(report, context, stated, party);
    checkParty(report, entry);
  }
  if (can('kind')) checkKindDeclarations(report, entry);
  if (can('lifetime')) checkLifetime(report, context, entry);
  if (can('retirement')) checkRetirement(report, context, entry);
  if (can('attributes') && isOwnCookie(entry))
    checkAttributes(report, entry, effectiveAttributes(entry));
  if (can('value') && entry.value) checkValue(report, entry, entry.value);
  for (const key of ['purpose', 'stores', 'note'] as const) {
    if (!broken.has(key)) checkLocalizedText(report, context, [key], entry[key]);
  }
  if (!broken.has('lifetime') && typeof entry.lifetime === 'object') {
    checkLocalizedText(report, context, ['lifetime', 'note'], entry.lifetime.note);
  }
  if (!broken.has('nameParameters')) {
    for (const [name, parameter] of Object.entries(entry.nameParameters ?? {})) {
      checkLocalizedText(
        report,
        context,
        ['nameParameters', name, 'description'],
        parameter.description,
      );
    }
  }
  if (can('placeholder')) {
    checkProviderPlaceholder(report, entry);
    checkEntryPlaceholderDomains(report, entry);
  }
  if (can('category')) checkCategory(report, context, entry);
  if (can('services')) checkEntryServices(report, context, entry);
  if (can('acknowledge')) checkAcknowledgements(report, entry);
  // Advice is about how we set a cookie; a retired one is no longer set, only deleted. It reads
  // nearly every field, and is only given to an entry that passed the schema.
  if (broken.size === 0 && entry.retired === undefined) checkAdvice(report, entry);
  return entry;
}
