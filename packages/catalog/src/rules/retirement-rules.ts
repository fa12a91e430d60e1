import { dayAtOrAfter, isCalendarDate, startOfDay } from '../calendar-date.js';
import { timeOnDevices } from '../retirement.js';
import type { EntryInput } from '../schema.js';
import type { CatalogContext, FileReport } from './check-context.js';

/**
 * `retired`: a real day, and a reminder once browsers can no longer hold the entry. Whether its
 * lifetime has run out is judged against policy.yaml's lastUpdated, never today's date: the same
 * catalog always validates the same way, and the policy of that date is what is published.
 */
export function checkRetirement(
  report: FileReport,
  context: CatalogContext,
  entry: EntryInput,
): void {
  const { retired } = entry;
  if (retired === undefined) return;
  if (!isCalendarDate(retired)) {
    report.add(
      'retired/date',
      ['retired'],
      `"${retired}" is not a calendar date`,
      'write the day from which we no longer set it as YYYY-MM-DD, e.g. 2026-12-01',
    );
    return;
  }
  const { lastUpdated } = context;
  if (lastUpdated === undefined) return;
  const kept = timeOnDevices(entry, context.locales ?? []);
  if (kept.kind !== 'at-most') return;
  const goneBy = dayAtOrAfter(startOfDay(retired) + kept.seconds * 1000);
  if (goneBy > lastUpdated) return;
  report.add(
    'retired/run-out',
    ['retired'],
    `retired since ${retired}, and by the policy's lastUpdated (${lastUpdated}) no browser holds it any more: ${kept.because}, so it was gone by ${goneBy}`,
    'it can now be removed from the catalog: delete this file (the policy stops listing it, and its generated deleter goes)',
  );
}
