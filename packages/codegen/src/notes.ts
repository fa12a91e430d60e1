import type { Catalog, PendingProblem } from '@cookie-catalog/catalog';
import { ocdCsvGenerator } from './generators/exports/ocd-csv.js';
import { tcfDeviceStorageGenerator } from './generators/exports/tcf-device-storage.js';

/**
 * What the exports leave out of this catalog because their format cannot state it, one note per
 * fact, for `validate` to list before anything is built. A light module of its own
 * (`@cookie-catalog/codegen/notes`): legal's validate loads no template engine and no ts-morph.
 * Every registered generator that has notes is here; a test holds the two lists together.
 */
export const GENERATORS_WITH_NOTES = [tcfDeviceStorageGenerator, ocdCsvGenerator] as const;

export function exportNotes(catalog: Catalog): PendingProblem[] {
  return GENERATORS_WITH_NOTES.flatMap((generator) => [
    ...(generator.notes?.(catalog, generator.defaultOptions as never) ?? []),
  ]);
}
