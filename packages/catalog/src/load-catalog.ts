import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isCalendarDate } from './calendar-date.js';
import { listCatalogFolder, readCatalogFile } from './catalog-files.js';
import { ENTRIES_DIR, POLICY_FILE, SECTIONS_DIR, TABLE_SECTION } from './catalog-layout.js';
import { type Controller, controllerDomainsOf } from './entry-facts.js';
import type { Catalog, LocalizedText } from './model.js';
import { normalizeCatalog } from './normalize.js';
import { createProblem, type Problem, sortProblems } from './problem.js';
import { checkAcrossEntries } from './rules/catalog-rules.js';
import { type CatalogContext, FileReport } from './rules/check-context.js';
import { checkEntry } from './rules/entry-rules.js';
import { checkPolicy } from './rules/policy-rules.js';
import { checkSectionMarkdown } from './rules/section-rules.js';
import { checkInvisibleCharacters } from './rules/text-rules.js';
import { checkTranslationRecords } from './rules/translation-rules.js';
import {
  type EntryInput,
  entrySchema,
  type PolicyInput,
  policySchema,
  type StatedEntryInput,
} from './schema.js';
import { checkSchema } from './schema-problems.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface CatalogResult {
  /** The validated catalog; undefined when there is at least one error. */
  readonly catalog: Catalog | undefined;
  /** Errors and warnings, sorted by file, line and column. */
  readonly problems: readonly Problem[];
  readonly errorCount: number;
  readonly warningCount: number;
}

interface LoadedEntry {
  readonly source: YamlSource;
  readonly relative: string;
  readonly input: EntryInput | undefined;
  readonly report: FileReport;
}

/**
 * Reads and validates a catalog directory: policy.yaml, cookies/*.yaml and
 * sections/<locale>/*.md. Every problem is collected, not only the first. Paths in problems are
 * `dir` joined with the file's path inside the catalog, so they read as the user typed them.
 */
export async function loadCatalog(dir: string): Promise<CatalogResult> {
  const problems: Problem[] = [];
  const at = (relative: string) => ({ file: join(dir, relative), line: 1, column: 1 });

  if (!(await isDirectory(dir))) {
    problems.push(
      createProblem(
        'catalog/missing-file',
        { file: dir, line: 1, column: 1 },
        'there is no catalog folder here',
        'pass --catalog DIR pointing at the folder that holds policy.yaml',
      ),
    );
    return finish(problems, undefined);
  }

  // policy.yaml
  let policy: PolicyInput | undefined;
  let context: CatalogContext = {
    locales: undefined,
    defaultLocale: undefined,
    categories: undefined,
    lastUpdated: undefined,
    controller: undefined,
    services: undefined,
  };
  let policyReport: FileReport | undefined;
  /** policy.yaml with only unknown keys wrong: invalid, but its sections can still be checked. */
  let partialPolicy: PolicyInput | undefined;
  const policyRead = await readCatalogFile(dir, POLICY_FILE);
  if (!policyRead.ok && policyRead.problem) {
    problems.push(policyRead.problem);
  } else if (!policyRead.ok) {
    problems.push(
      createProblem(
        'catalog/missing-file',
        at(POLICY_FILE),
        `${POLICY_FILE} is missing`,
        `create ${join(dir, POLICY_FILE)}`,
      ),
    );
  } else {
    const source = parseYamlSource(join(dir, POLICY_FILE), policyRead.text);
    policyReport = new FileReport(source);
    problems.push(...source.problems);
    if (source.problems.length === 0) {
      const checked = checkSchema(source, policySchema);
      problems.push(...checked.problems);
      checkInvisibleCharacters(policyReport, source.data);
      if (checked.value) {
        policy = checked.value;
        context = checkPolicy(policyReport, policy);
      } else if (checked.partial) {
        partialPolicy = checked.partial;
        context = checkPolicy(policyReport, checked.partial);
      } else if (checked.salvaged) {
        // A schema error must not hide the file's other problems: the policy's rules run on the
        // fields that passed, and whatever of locales and categories is readable checks entries.
        context = salvagePolicy(policyReport, checked.salvaged, contextFrom(source.data));
      } else {
        context = contextFrom(source.data);
      }
    }
  }

  // cookies/*.yaml
  const entries: LoadedEntry[] = [];
  const entryFiles = await listCatalogFolder(dir, ENTRIES_DIR, problems);
  if (entryFiles === undefined) {
    problems.push(
      createProblem(
        'catalog/missing-file',
        at(ENTRIES_DIR),
        `the folder ${ENTRIES_DIR}/ is missing`,
        `create ${join(dir, ENTRIES_DIR)} with one .yaml file per cookie`,
      ),
    );
  }
  for (const { name, kind } of entryFiles ?? []) {
    const relative = `${ENTRIES_DIR}/${name}`;
    if (name.startsWith('.') && kind !== 'link') {
      problems.push(
        createProblem(
          'catalog/ignored-file',
          at(relative),
          `${relative} is hidden (its name starts with a dot), so it is never read as an entry`,
          'delete it, or rename it to <id>.yaml if it is an entry',
        ),
      );
      continue;
    }
    if (!name.endsWith('.yaml') && kind === 'file') {
      problems.push(
        createProblem(
          'catalog/file-type',
          at(relative),
          `${relative} is not a .yaml file`,
          name.endsWith('.yml')
            ? `rename it to ${name.replace(/\.yml$/, '.yaml')}`
            : 'move it out of the catalog',
        ),
      );
      continue;
    }
    const read = await readCatalogFile(dir, relative);
    if (!read.ok) {
      if (read.problem) problems.push(read.problem);
      continue;
    }
    const source = parseYamlSource(join(dir, relative), read.text);
    const report = new FileReport(source);
    problems.push(...source.problems);
    let input: EntryInput | undefined;
    if (source.problems.length === 0) {
      const checked = checkSchema(source, entrySchema);
      problems.push(...checked.problems);
      checkInvisibleCharacters(report, source.data);
      const checkable = checked.value ?? checked.partial;
      if (checkable) {
        const derived = checkEntry(report, context, checkable);
        if (checked.value) input = derived;
      }
      // A schema error must not hide the file's other problems: the rules that read only the
      // fields that passed the schema still run.
      else if (checked.salvaged)
        checkEntry(
          report,
          context,
          checked.salvaged.data as StatedEntryInput,
          checked.salvaged.broken,
        );
    }
    entries.push({ source, relative, input, report });
  }
  checkAcrossEntries(entries, policy, policyReport);

  // sections/<locale>/<id>.md
  const sections = new Map<string, Record<string, string>>();
  const sectionsPolicy = policy ?? partialPolicy;
  if (sectionsPolicy && policyReport && context.locales) {
    await loadSections(dir, sectionsPolicy, context.locales, policyReport, problems, sections);
  }

  problems.push(...(policyReport?.problems ?? []), ...entries.flatMap((e) => e.report.problems));
  const hasErrors = problems.some((p) => p.severity === 'error');
  if (hasErrors || !policy) return finish(problems, undefined);
  const catalog = normalizeCatalog(
    policy,
    entries.flatMap((e) => (e.input ? [{ input: e.input, source: e.relative }] : [])),
    sections as Map<string, LocalizedText>,
  );
  const sources = new Map<string, YamlSource>(entries.map((e) => [e.relative, e.source]));
  if (policyReport) sources.set(POLICY_FILE, policyReport.source);
  problems.push(...(await checkTranslationRecords(dir, catalog, policy, sources)));
  return finish(problems, catalog);
}

async function loadSections(
  dir: string,
  policy: PolicyInput,
  locales: readonly string[],
  policyReport: FileReport,
  problems: Problem[],
  sections: Map<string, Record<string, string>>,
): Promise<void> {
  const localeDirs = ((await listCatalogFolder(dir, SECTIONS_DIR, problems)) ?? []).map(
    (d) => d.name,
  );
  for (const localeDir of localeDirs.filter((d) => !locales.includes(d))) {
    problems.push(
      createProblem(
        'i18n/unknown-locale',
        { file: join(dir, SECTIONS_DIR, localeDir), line: 1, column: 1 },
        `sections/${localeDir}/ is not for one of the policy's locales (${locales.join(', ')})`,
        `remove it, or add "${localeDir}" to locales in policy.yaml`,
      ),
    );
  }
  for (const locale of locales) {
    const files = new Set(
      ((await listCatalogFolder(dir, `${SECTIONS_DIR}/${locale}`, problems)) ?? []).map(
        (f) => f.name,
      ),
    );
    policy.sections.forEach((id, index) => {
      if (id !== TABLE_SECTION && !files.has(`${id}.md`)) {
        policyReport.add(
          'policy/section',
          ['sections', index],
          `the section "${id}" has no ${locale} text: ${SECTIONS_DIR}/${locale}/${id}.md is missing`,
          `create ${join(dir, SECTIONS_DIR, locale, `${id}.md`)}`,
        );
      }
    });
    for (const file of [...files].sort()) {
      const path = join(dir, SECTIONS_DIR, locale, file);
      const id = file.replace(/\.md$/, '');
      if (!file.endsWith('.md') || !policy.sections.includes(id) || id === TABLE_SECTION) {
        problems.push(
          createProblem(
            'policy/section',
            { file: path, line: 1, column: 1 },
            file.endsWith('.md')
              ? `the section "${id}" is not listed in policy.yaml, so it would never be shown`
              : `${file} is not a Markdown (.md) file`,
            file.endsWith('.md')
              ? `add "${id}" to sections in policy.yaml, or delete the file`
              : 'move it out of the catalog',
          ),
        );
        continue;
      }
      const read = await readCatalogFile(dir, `${SECTIONS_DIR}/${locale}/${file}`);
      if (!read.ok) {
        if (read.problem) problems.push(read.problem);
        continue;
      }
      const text = read.text;
      problems.push(...checkSectionMarkdown(path, text));
      const texts = sections.get(id) ?? {};
      texts[locale] = text;
      sections.set(id, texts);
    }
  }
}

/**
 * The rules of policy.yaml on a file with schema errors: each broken top-level field gets a
 * stand-in that passes the rules, and every problem the rules find in a broken field is dropped
 * (the schema error there says what is wrong). The context keeps what the file really says.
 */
function salvagePolicy(
  report: FileReport,
  salvaged: { readonly data: Partial<PolicyInput>; readonly broken: ReadonlySet<string> },
  readable: CatalogContext,
): CatalogContext {
  const { data, broken } = salvaged;
  const locales = [...(readable.locales ?? ['en'])];
  const defaultLocale = readable.defaultLocale ?? locales[0] ?? 'en';
  const standIn: PolicyInput = {
    version: '1.0',
    lastUpdated: '2000-01-01',
    locales,
    defaultLocale,
    controller: { name: 'controller', website: 'https://controller.invalid/' },
    dpo: { email: 'dpo@controller.invalid' },
    categories: [],
    authorities: [],
    sections: [],
  };
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => !broken.has(key)));
  let policy = { ...standIn, ...kept } as PolicyInput;
  // consent.sharedAcross is held against the services: unreadable, they are not "none declared".
  if (broken.has('services') && policy.consent?.sharedAcross !== undefined)
    policy = { ...policy, consent: { ...policy.consent, sharedAcross: undefined } };
  const context = checkPolicy(new SkippingReport(report, broken), policy);
  return {
    ...context,
    locales: readable.locales ?? context.locales,
    defaultLocale: readable.defaultLocale,
    categories: broken.has('categories') ? readable.categories : context.categories,
    lastUpdated: broken.has('lastUpdated') ? undefined : context.lastUpdated,
    controller: broken.has('controller') ? readable.controller : context.controller,
    services: broken.has('services') ? readable.services : context.services,
  };
}

/** Reports into `report`, but nothing at or under the given top-level fields. */
class SkippingReport extends FileReport {
  constructor(
    private readonly into: FileReport,
    private readonly skipped: ReadonlySet<string>,
  ) {
    super(into.source);
  }

  override add(...args: Parameters<FileReport['add']>): void {
    const [rule, path, message, fix, options] = args;
    if (this.skipped.has(String(path[0]))) return;
    this.into.add(rule, path, message, fix, options);
  }
}

/** The locales and category ids of a policy.yaml that did not pass the schema, where readable. */
function contextFrom(data: unknown): CatalogContext {
  const record = (data ?? {}) as Record<string, unknown>;
  const strings = (value: unknown) =>
    Array.isArray(value) && value.every((v) => typeof v === 'string')
      ? (value as string[])
      : undefined;
  const locales = strings(record.locales);
  const ids = Array.isArray(record.categories)
    ? strings(record.categories.map((c) => (c as Record<string, unknown> | null)?.id))
    : undefined;
  return {
    locales,
    defaultLocale: typeof record.defaultLocale === 'string' ? record.defaultLocale : undefined,
    categories: ids ? new Set(ids) : undefined,
    lastUpdated:
      typeof record.lastUpdated === 'string' && isCalendarDate(record.lastUpdated)
        ? record.lastUpdated
        : undefined,
    controller: controllerFrom(record.controller),
    services:
      record.services === undefined
        ? []
        : Array.isArray(record.services)
          ? strings(record.services.map((s) => (s as Record<string, unknown> | null)?.id))
          : undefined,
  };
}

function controllerFrom(value: unknown): Controller | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  return {
    ownDomains: controllerDomainsOf(record),
    name: typeof record.name === 'string' ? record.name : undefined,
  };
}

function finish(problems: Problem[], catalog: Catalog | undefined): CatalogResult {
  const sorted = sortProblems(problems);
  const errorCount = sorted.filter((p) => p.severity === 'error').length;
  return { catalog, problems: sorted, errorCount, warningCount: sorted.length - errorCount };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
