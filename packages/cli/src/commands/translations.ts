import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  formatTranslationRecords,
  loadCatalog,
  markReviewed,
  TRANSLATIONS_FILE,
  type TranslationRecords,
} from '@cookie-catalog/catalog';
import pc from 'picocolors';
import { parse } from 'yaml';
import type { CliIo } from '../cli-io.js';
import { formatProblemsText } from '../format-problems.js';

export interface TranslationsOptions {
  readonly catalog: string;
  /** Locales to mark reviewed; all translations when empty. */
  readonly locales: readonly string[];
}

/**
 * `cookie-catalog translations reviewed`: records that the current translations (of the given
 * locales, or all) were checked against the current source texts, so validate stops warning that
 * they are stale. Writes only catalog/translations.yaml, and only for a valid catalog.
 */
export async function translationsReviewedCommand(
  options: TranslationsOptions,
  io: CliIo,
): Promise<number> {
  const dir = resolve(io.cwd, options.catalog);
  const result = await loadCatalog(dir);
  const c = pc.createColors(io.color);
  if (!result.catalog) {
    io.stderr(formatProblemsText(result.problems, io));
    io.stderr(`${c.red('✗')} ${options.catalog} is not valid; nothing was written.\n`);
    return 1;
  }
  const { catalog } = result;
  const translated = catalog.locales.filter((l) => l !== catalog.defaultLocale);
  if (translated.length === 0) {
    io.stdout(
      `${c.green('✓')} nothing to review: the catalog is in one language (${catalog.defaultLocale}), so it needs no ${TRANSLATIONS_FILE}\n`,
    );
    return 0;
  }
  const unknown = options.locales.filter((l) => !translated.includes(l));
  if (unknown.length > 0) {
    io.stderr(
      `cookie-catalog: ${unknown.join(', ')} is not a translated locale of this catalog (${translated.join(', ')})\n`,
    );
    return 2;
  }
  const file = join(dir, TRANSLATIONS_FILE);
  const previousText = await readFile(file, 'utf8').catch(() => '');
  // The file is ours, but read it with the same care as any catalog file: plain data only.
  const previous = (
    previousText ? parse(previousText, { schema: 'core', merge: false, uniqueKeys: true }) : {}
  ) as TranslationRecords;
  const locales = options.locales.length > 0 ? options.locales : translated;
  await writeFile(file, formatTranslationRecords(markReviewed(catalog, previous ?? {}, locales)));
  io.stdout(
    `${c.green('✓')} marked the ${locales.join(', ')} translations as reviewed in ${relative(io.cwd, file)}\n`,
  );
  return 0;
}
