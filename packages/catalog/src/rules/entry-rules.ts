import { effectiveAttributes, isOwnCookie } from '../defaults.js';
import type { EntryInput } from '../schema.js';
import { checkAcknowledgements, checkAdvice } from './advice-rules.js';
import { checkAttributes } from './attribute-rules.js';
import { checkCategory } from './category-rules.js';
import type { CatalogContext, FileReport } from './check-context.js';
import { checkLifetime } from './lifetime-rules.js';
import { checkEntryId, checkName } from './name-rules.js';
import { checkParty, checkProviderPlaceholder } from './party-rules.js';
import { checkRetirement } from './retirement-rules.js';
import { checkKindDeclarations } from './storage-kind-rules.js';
import { checkLocalizedText } from './text-rules.js';
import { checkValue } from './value-rules.js';

/**
 * Every rule that one entry file must satisfy on its own, each subject in its own module. The
 * order is part of the output (problems at one place keep it), and advice comes last: it is
 * given only when nothing before it was an error.
 */
export function checkEntry(report: FileReport, context: CatalogContext, entry: EntryInput): void {
  checkEntryId(report, entry);
  checkName(report, entry);
  checkParty(report, entry);
  checkKindDeclarations(report, entry);
  checkLifetime(report, entry);
  checkRetirement(report, context, entry);
  if (isOwnCookie(entry)) checkAttributes(report, entry, effectiveAttributes(entry));
  if (entry.value) checkValue(report, entry, entry.value);
  for (const key of ['purpose', 'stores', 'note'] as const) {
    checkLocalizedText(report, context, [key], entry[key]);
  }
  if (typeof entry.lifetime === 'object') {
    checkLocalizedText(report, context, ['lifetime', 'note'], entry.lifetime.note);
  }
  for (const [name, parameter] of Object.entries(entry.nameParameters ?? {})) {
    checkLocalizedText(
      report,
      context,
      ['nameParameters', name, 'description'],
      parameter.description,
    );
  }
  checkProviderPlaceholder(report, entry);
  checkCategory(report, context, entry);
  checkAcknowledgements(report, entry);
  // Advice is about how we set a cookie; a retired one is no longer set, only deleted.
  if (entry.retired === undefined) checkAdvice(report, entry);
}
