import { join } from 'node:path';
import * as z from 'zod';
import { readCatalogFile } from '../catalog-files.js';
import { TRANSLATIONS_FILE } from '../catalog-layout.js';
import { languageName } from '../language-name.js';
import type { Catalog } from '../model.js';
import { createProblem, type Problem } from '../problem.js';
import type { PolicyInput } from '../schema.js';
import { checkSchema } from '../schema-problems.js';
import { sourceHash, type TranslationRecords, translatableTexts } from '../translation-records.js';
import { parseYamlSource, type SourcePath, type YamlSource } from '../yaml-source.js';

const recordsSchema = z
  .record(z.string(), z.record(z.string(), z.string()))
  .describe(
    'Per locale, per text, the fingerprint of the source text its translation was reviewed against.',
  );

/**
 * Translations stay honest: when the default-locale text of a purpose, label or section changes
 * and a translation was not reviewed since, each such translation gets a warning (an error with
 * `validate --strict`). translations.yaml records what each was last reviewed against.
 */
export async function checkTranslationRecords(
  dir: string,
  catalog: Catalog,
  policy: PolicyInput,
  sources: ReadonlyMap<string, YamlSource>,
): Promise<Problem[]> {
  const file = join(dir, TRANSLATIONS_FILE);
  const read = await readCatalogFile(dir, TRANSLATIONS_FILE);
  if (!read.ok && read.problem) return [read.problem];
  if (!read.ok) {
    // A catalog in one language has nothing to translate, so nothing to record.
    if (catalog.locales.length === 1) return [];
    return [
      createProblem(
        'i18n/stale-translation',
        { file, line: 1, column: 1 },
        `${TRANSLATIONS_FILE} is missing, so nobody can tell which translations are out of date`,
        'review the translations, then run `npx cookie-catalog translations reviewed`',
      ),
    ];
  }
  const source = parseYamlSource(file, read.text);
  if (source.problems.length > 0) return [...source.problems];
  const checked = checkSchema(source, recordsSchema);
  if (!checked.value) return checked.problems;
  const records: TranslationRecords = checked.value;

  const problems: Problem[] = [];
  const original = catalog.defaultLocale;
  for (const translatable of translatableTexts(catalog)) {
    const expected = sourceHash(translatable.text[original] ?? '');
    for (const locale of catalog.locales.filter((l) => l !== original)) {
      const recorded = records[locale]?.[translatable.key];
      if (recorded === expected) continue;
      const language = languageName(locale);
      const sourceLanguage = languageName(original);
      problems.push(
        createProblem(
          'i18n/stale-translation',
          position(dir, translatable.file, yamlPath(policy, translatable.path, locale), sources),
          recorded === undefined
            ? `the ${language} text of ${translatable.key} has never been marked as reviewed`
            : `the ${sourceLanguage} text of ${translatable.key} changed after the ${language} translation was last reviewed`,
          `check the ${language} text against the ${sourceLanguage}, then run \`npx cookie-catalog translations reviewed --locale ${locale}\``,
        ),
      );
    }
  }
  return problems;
}

/** Translation keys name categories, authorities and services by id; the YAML has them in lists. */
function yamlPath(
  policy: PolicyInput,
  path: readonly (string | number)[],
  locale: string,
): SourcePath {
  if (path.length === 0) return [locale];
  const [first, second, ...rest] = path;
  const list =
    first === 'categories'
      ? policy.categories
      : first === 'authorities'
        ? policy.authorities
        : first === 'services'
          ? policy.services
          : undefined;
  const index = list?.findIndex((item) => item.id === second);
  const resolved = list && index !== undefined && index >= 0 ? [first, index, ...rest] : path;
  return [...resolved, locale] as SourcePath;
}

function position(
  dir: string,
  file: string,
  path: SourcePath,
  sources: ReadonlyMap<string, YamlSource>,
) {
  const yaml = sources.get(file);
  if (yaml) return yaml.locate(path);
  // A Markdown section: the translated file itself.
  const locale = path[path.length - 1];
  return {
    file: join(dir, file.replace(/^sections\//, `sections/${String(locale)}/`)),
    line: 1,
    column: 1,
  };
}
