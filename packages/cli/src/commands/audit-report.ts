import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { escapeInvisible } from '@cookie-catalog/catalog';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { loadOptional } from '../optional-package.js';
import { namedTargetWithin, outputTargetProblem } from '../output-target.js';

/*
 * The audit's HTML report: `cookie-catalog audit report audit.json [--out report.html]` makes it
 * from a saved JSON run; `audit URL --format html --out report.html` from a live one (audit.ts
 * calls the helpers below). Either way the page is made from the JSON text and states its SHA-256.
 */

type AuditModule = typeof import('@cookie-catalog/audit');

/** An --organisations list above this size is not a list of hosts. */
const ORGANISATIONS_MAX_BYTES = 5 * 1024 * 1024;

export interface AuditReportCommandOptions {
  /** The saved JSON run. */
  readonly file: string | undefined;
  readonly out: string | undefined;
  readonly organisations: string | undefined;
}

/** `audit report FILE`: exit 0 when written, 2 for a mistake in the arguments or the file. */
export async function auditReportCommand(
  options: AuditReportCommandOptions,
  io: CliIo,
): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`cookie-catalog: audit report: ${escapeInvisible(message)}\n`);
    return 2;
  };
  if (options.file === undefined)
    return fail(
      'needs the JSON of a run: cookie-catalog audit report audit.json --out report.html (make it with audit URL --format json --out audit.json)',
    );
  const audit = await loadOptional(
    '@cookie-catalog/audit',
    'audit report',
    () => import('@cookie-catalog/audit'),
    io,
  );
  if (!audit) return 2;
  const from = resolve(io.cwd, options.file);
  const out = resolve(io.cwd, options.out ?? defaultOut(options.file));
  const target = await checkedOut(out, io.cwd);
  if (target !== undefined) return fail(`--out ${target}`);
  let jsonText: string;
  let organisations: ReturnType<AuditModule['organisationsFrom']>;
  let json: ReturnType<AuditModule['parseAuditJson']>;
  try {
    const stats = await stat(from).catch((error: NodeJS.ErrnoException) => {
      throw new audit.AuditInputError(
        `${options.file}: ${error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code})`}; give the JSON of a run (audit URL --format json --out FILE)`,
      );
    });
    if (!stats.isFile())
      throw new audit.AuditInputError(`${options.file} is not a file; give the JSON of a run`);
    if (stats.size > audit.REPORT_JSON_MAX_BYTES)
      throw new audit.AuditInputError(
        `${options.file}: ${stats.size} bytes is more than a run's JSON can be (at most ${audit.REPORT_JSON_MAX_BYTES}); give the JSON of a run`,
      );
    // The hash is of the file's bytes: text that is not UTF-8 would not read back the same.
    try {
      jsonText = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
        await readFile(from),
      );
    } catch {
      throw new audit.AuditInputError(
        `${options.file} is not UTF-8 text; give the JSON of a run as --format json wrote it`,
      );
    }
    json = audit.parseAuditJson(jsonText, options.file);
    organisations = await readOrganisations(options.organisations, io.cwd, audit);
  } catch (error) {
    if (!(error instanceof audit.AuditInputError)) throw error;
    return fail(error.message);
  }
  await writeReport(out, audit.renderAuditHtml(json, { jsonText, organisations }));
  const c = pc.createColors(io.color);
  io.stderr(
    `${c.green('✓')} wrote ${escapeInvisible(relative(io.cwd, out) || out)} (${json.errors} error${json.errors === 1 ? '' : 's'}, ${json.passes.length} pass${json.passes.length === 1 ? '' : 'es'})\n`,
  );
  return 0;
}

/** audit.json → audit.html beside it. */
function defaultOut(file: string): string {
  return /\.json$/i.test(file) ? file.replace(/\.json$/i, '.html') : `${file}.html`;
}

/** What is wrong with writing the report there (a symbolic link, a folder), or undefined. */
export async function checkedOut(out: string, cwd: string): Promise<string | undefined> {
  return outputTargetProblem({ path: out, within: namedTargetWithin(out, cwd), kind: 'file' }, cwd);
}

/**
 * `--organisations FILE`, read and checked (a JSON object from host to organisation), joined with
 * the Open Cookie Database's table. Throws the audit package's AuditInputError.
 */
export async function readOrganisations(
  given: string | undefined,
  cwd: string,
  audit: Pick<AuditModule, 'AuditInputError' | 'organisationsFrom' | 'parseOrganisations'>,
): Promise<ReturnType<AuditModule['organisationsFrom']>> {
  if (given === undefined) return audit.organisationsFrom();
  const path = resolve(cwd, given);
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new audit.AuditInputError(
      `--organisations ${given}: ${error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code})`}; give a JSON file from host name to organisation, e.g. {"cdn.example.net": "Example AB"}`,
    );
  });
  if (!stats.isFile() || stats.size > ORGANISATIONS_MAX_BYTES)
    throw new audit.AuditInputError(
      `--organisations ${given}: ${stats.isFile() ? `${stats.size} bytes is more than a list of hosts needs (at most ${ORGANISATIONS_MAX_BYTES})` : 'is not a file'}; give a JSON file from host name to organisation`,
    );
  return audit.organisationsFrom(
    audit.parseOrganisations(await readFile(path, 'utf8'), given),
    given,
  );
}

export async function writeReport(out: string, html: string): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, html);
}
