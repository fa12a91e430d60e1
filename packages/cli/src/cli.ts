import { parseArgs } from 'node:util';
import type { CliIo } from './cli-io.js';

// Each command's module is loaded only when that command runs: legal's `validate` never loads
// ts-morph, handlebars or git helpers (issue #19, "legal's loop").

const USAGE = `Usage: cookie-catalog <command> [options]

Commands:
  init DIR            Write a new organisation's repository: a starter catalog (TODOs for legal),
                      the generated packages under --scope, the docs site, tests and CI
  validate            Check the catalog and report every problem (exit 1 if any error)
  generate [ID...]    Validate, then write the generated packages (all generators, or the
                      ones named, e.g. ts/server); nothing is written if the catalog is invalid
  generators          List the generators and where they write
  diff                Say in plain words what changed since --base GITREF or --from DIR, and
                      which package versions that bumps
  changeset           Write .changeset/catalog-*.md with exactly those bumps
  export --format ID  Write one machine-readable file from the catalog to stdout (or --out):
                      json/tcf-device-storage (IAB TCF disclosures), csv/ocd (Open Cookie
                      Database), json/catalog, json/catalog-schema
  import --from ocd-csv FILE
                      Draft entry files from an Open Cookie Database CSV (rows of
                      --platform NAME, or all), with TODOs for legal; never overwrites
  audit URL           Crawl a site in Chromium before and after consent and hold what it
                      stores against the catalog (exit 1 on errors, 3 if the start page
                      cannot be loaded)
  audit report FILE   The HTML report of a saved JSON run (--out, default FILE.html)
  audit merge FILE... Join the JSON reports of the shards of one run (--shard i/n) into the
                      result of a single run, judged again against the catalog (and against
                      --baseline, with --fail-on, as audit does)
  scan [PATH...]      Find code that writes or reads cookies or browser storage by hand and
                      hold it against the catalog (exit 1 on undeclared names)
  translations reviewed [--locale L]
                      Record that the translations (of L, or all) match the current source
                      texts, so validate stops warning that they are stale
  consent show|export|verify|erase|prune|stats
                      Proof of consent from the store the servers record into: a person's
                      records and the words they were shown, their export (GDPR Art. 15),
                      the hash chains verified, erasure (Art. 17), pruning, answers per
                      category (\`cookie-catalog consent --help\` for each)

Options:
  --catalog DIR       the catalog folder (default: catalog)
  --format text|json  validate: output format (default: text)
  --strict            validate: treat warnings as errors
  --root DIR          generate: the repository root (default: the catalog's parent folder)
  --check             generate: write nothing; exit 1 if generated files on disk are out of date
  --locales en,fi     init: the policy's languages, the first is the default (default en)
  --scope @acme       init: the npm scope of the generated packages (@acme/cookies-server, …)
  --name "Acme AB"    init: the organisation's legal name
  --registry URL      init: the registry the generated packages are published to and installed
                      from (default: npm's registry)
  --watch             generate: keep running, and generate again whenever the catalog changes
                      (only changed files are written; an invalid catalog writes nothing)
  --locale L          translations reviewed: only this locale (repeatable);
                      export: the language of the texts
  --out PATH          export: the file to write; import: the folder for drafts
                      (default: the catalog's cookies/); audit: the report's file
  --skip-unknown      (no longer needed, accepted for old scripts: an export always leaves out
                      what its format cannot state, and says so as a note)
  --platform NAME     import: only rows of this platform (repeatable)
  --pages N           audit: pages per pass, same-site links breadth-first (default 20)
  --consent C         audit: the after-consent pass grants all (default), none (no such pass),
                      or the categories named (a,b)
  --propose DIR       audit: a draft entry file per undeclared cookie or key
  --storage-state F   audit: Playwright storage state, for pages behind a login
  --consent-cookie N=V  audit: set this cookie for the after-consent pass instead
  --accept-selector S audit: click this on the first page instead (another site's banner)
  --passes P          audit: the passes to run, of before, after, reject, gpc (default
                      before,after; --consent none leaves out after)
  --reject-selector S audit: the reject pass clicks this instead of the catalog banner's reject
  --baseline F        audit: the JSON of an earlier run (--format json --out F): report what is
                      new, gone or changed since then (audit/drift-* warnings)
  --fail-on K         audit: what makes the exit code 1: error (default), drift, or error,drift
  --format html       audit: one self-contained HTML report (with --out): summary, provenance,
                      each pass's first page as seen, findings beside their evidence
  --redact            audit: leave query strings and screenshots out (a --storage-state run)
  --organisations F   audit: a JSON file from host to organisation for the HTML report
  --concurrency N     audit: pages open at once in each pass (default 4)
  --shard i/n         audit: only the i-th of n shares of the pages (of --sitemap or --urls, or
                      of the pages a discovery pass finds); join the reports with audit merge
  --sitemap S         audit: the pages a sitemap lists (its URL or file; an index is followed)
                      instead of following links; with --pages, the first N of them
  --urls FILE         audit: the pages listed in FILE, one address a line, instead of links
  --late-storage-ms N audit: how long each page stays open after it loaded, for storage written
                      later (default 6000)
  --tsconfig FILE     scan: the project's tsconfig.json (default: ./tsconfig.json if present)
  --format sarif      scan: text, json, or sarif (SARIF 2.1.0 for code scanning)
  --include-vendored  scan: also *.min.js files and vendor/, public/, static/ folders
  --max-file-size 5MB scan: read files up to this size (default 1MB; a larger file is a note)
  --service ID        scan: hold the code against this service's entries (policy.yaml services)
  --base GITREF       diff, changeset: compare with the catalog at this git ref
  --from DIR          diff, changeset: compare with the catalog in this folder
  --format markdown   diff: text, markdown (for a pull request) or json
  --require-changeset diff: exit 1 if the catalog changed without a changeset since --base
  --store S           consent: the store's folder or postgres:// URL (default: the environment
                      variable COOKIE_CATALOG_CONSENT_STORE)
  --policy            consent show: also print the policy document in force
  --older-than D      consent prune: records older than this ("4 years"); or --before DATE
  --dry-run           consent prune: say how many records would be deleted, delete nothing
  --since DATE        consent stats: only answers from this day on (ISO 8601)
  --format svg        consent stats: text, json, or svg (a bar chart)
  -h, --help          show this help
`;

/** Runs the CLI; returns the exit code. User mistakes are messages, never stack traces. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usageError(io, parseProblem(error as Error & { code?: string }, commandOf(argv)));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  // `consent` has subcommands, each with its own help: `consent prune --help`.
  if (command === 'consent' && values.help) return runConsent(rest, values, io);
  if (values.help || command === undefined) {
    (command === undefined && !values.help ? io.stderr : io.stdout)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  // `--out ""` (an unset shell variable) would name the working directory itself.
  const empty = Object.entries(values).find(
    ([, value]) => value === '' || (Array.isArray(value) && value.includes('')),
  );
  if (empty) return usageError(io, `--${empty[0]} needs a value, and it is empty`);
  const takesArguments =
    command === 'generate' ||
    command === 'translations' ||
    command === 'import' ||
    command === 'scan' ||
    command === 'audit' ||
    command === 'init' ||
    command === 'consent';
  // An option the command does not read would be ignored without a word (`export --root x`).
  const allowed = Object.hasOwn(OPTIONS_OF, command) ? OPTIONS_OF[command] : undefined;
  const stray = allowed && Object.keys(values).find((option) => !allowed.includes(option));
  if (stray) return usageError(io, `${command} does not take --${stray}`);
  if (rest.length > 0 && !takesArguments)
    return usageError(io, `${command} takes no argument "${rest[0]}"`);
  if (values.watch && (command !== 'generate' || values.check)) {
    io.stderr(`cookie-catalog: --watch is for generate, without --check\n`);
    return 2;
  }
  const format = values.format ?? 'text';
  if (command === 'validate' && format !== 'text' && format !== 'json') {
    io.stderr(`cookie-catalog: --format must be text or json, not "${format}"\n`);
    return 2;
  }
  try {
    switch (command) {
      case 'validate': {
        const { validateCommand } = await import('./commands/validate.js');
        return await validateCommand(
          {
            catalog: values.catalog ?? 'catalog',
            format: format === 'json' ? 'json' : 'text',
            strict: values.strict ?? false,
          },
          io,
        );
      }
      case 'generate': {
        const { generateCommand } = await import('./commands/generate.js');
        return await generateCommand(
          {
            catalog: values.catalog ?? 'catalog',
            root: values.root,
            ids: rest,
            check: values.check ?? false,
            watch: values.watch ?? false,
          },
          io,
        );
      }
      case 'init': {
        if (rest.length > 1) {
          io.stderr('cookie-catalog: init writes one folder\n');
          return 2;
        }
        const { initCommand } = await import('./commands/init.js');
        return await initCommand(
          {
            dir: rest[0],
            locales: values.locales,
            scope: values.scope,
            name: values.name,
            registry: values.registry,
          },
          io,
        );
      }
      case 'export': {
        const { exportCommand } = await import('./commands/export.js');
        return await exportCommand(
          {
            catalog: values.catalog ?? 'catalog',
            format: values.format,
            out: values.out,
            locale: values.locale?.[0],
          },
          io,
        );
      }
      case 'audit': {
        if (rest[0] === 'report') {
          const stray = Object.keys(values).find((o) => o !== 'out' && o !== 'organisations');
          if (stray) return usageError(io, `audit report does not take --${stray}`);
          if (rest.length > 2) return usageError(io, 'audit report reads one JSON file');
          const { auditReportCommand } = await import('./commands/audit-report.js');
          return await auditReportCommand(
            { file: rest[1], out: values.out, organisations: values.organisations },
            io,
          );
        }
        if (rest[0] === 'merge') {
          const { auditMergeCommand } = await import('./commands/audit-merge.js');
          return await auditMergeCommand(
            {
              catalog: values.catalog ?? 'catalog',
              files: rest.slice(1),
              format,
              out: values.out,
              baseline: values.baseline,
              failOn: values['fail-on'],
              given: Object.keys(values),
            },
            io,
          );
        }
        if (format !== 'text' && format !== 'json' && format !== 'markdown' && format !== 'html') {
          io.stderr(
            `cookie-catalog: --format must be text, json, markdown or html, not "${format}"\n`,
          );
          return 2;
        }
        if (rest.length > 1) {
          io.stderr('cookie-catalog: audit takes one start address\n');
          return 2;
        }
        const { auditCommand } = await import('./commands/audit.js');
        return await auditCommand(
          {
            catalog: values.catalog ?? 'catalog',
            url: rest[0],
            pages: values.pages,
            consent: values.consent,
            format,
            propose: values.propose,
            storageState: values['storage-state'],
            consentCookie: values['consent-cookie'],
            acceptSelector: values['accept-selector'],
            rejectSelector: values['reject-selector'],
            passes: values.passes,
            baseline: values.baseline,
            failOn: values['fail-on'],
            out: values.out,
            redact: values.redact ?? false,
            organisations: values.organisations,
            concurrency: values.concurrency,
            shard: values.shard,
            sitemap: values.sitemap,
            urls: values.urls,
            lateStorageMs: values['late-storage-ms'],
          },
          io,
        );
      }
      case 'scan': {
        if (format !== 'text' && format !== 'json' && format !== 'sarif') {
          io.stderr(`cookie-catalog: --format must be text, json or sarif, not "${format}"\n`);
          return 2;
        }
        const { scanCommand } = await import('./commands/scan.js');
        return await scanCommand(
          {
            catalog: values.catalog ?? 'catalog',
            paths: rest,
            tsconfig: values.tsconfig,
            format,
            includeVendored: values['include-vendored'] ?? false,
            maxFileSize: values['max-file-size'],
            service: values.service,
          },
          io,
        );
      }
      case 'import': {
        if (rest.length > 1) {
          io.stderr(`cookie-catalog: import reads one file, not ${rest.length}\n`);
          return 2;
        }
        const { importCommand } = await import('./commands/import.js');
        return await importCommand(
          {
            catalog: values.catalog ?? 'catalog',
            from: values.from,
            file: rest[0],
            platforms: values.platform ?? [],
            out: values.out,
          },
          io,
        );
      }
      case 'translations': {
        if (rest.length !== 1 || rest[0] !== 'reviewed') {
          io.stderr(`cookie-catalog: say \`translations reviewed\`\n\n${USAGE}`);
          return 2;
        }
        const { translationsReviewedCommand } = await import('./commands/translations.js');
        return await translationsReviewedCommand(
          { catalog: values.catalog ?? 'catalog', locales: values.locale ?? [] },
          io,
        );
      }
      case 'diff':
      case 'changeset': {
        const diffFormat = values.format ?? 'text';
        if (diffFormat !== 'text' && diffFormat !== 'json' && diffFormat !== 'markdown') {
          io.stderr(
            `cookie-catalog: --format must be text, markdown or json, not "${diffFormat}"\n`,
          );
          return 2;
        }
        const options = {
          catalog: values.catalog ?? 'catalog',
          base: values.base,
          from: values.from,
          format: diffFormat,
          requireChangeset: values['require-changeset'] ?? false,
        } as const;
        const { changesetCommand, diffCommand } = await import('./commands/diff.js');
        return command === 'diff'
          ? await diffCommand(options, io)
          : await changesetCommand(options, io);
      }
      case 'consent':
        return await runConsent(rest, values, io);
      case 'generators': {
        // The registry fills as the generator modules load.
        const { generators } = await import('@cookie-catalog/codegen');
        for (const generator of generators.list()) {
          io.stdout(
            `${generator.id.padEnd(20)} ${generator.outDir.padEnd(36)} ${generator.description}\n`,
          );
        }
        return 0;
      }
      default:
        return usageError(io, `unknown command "${command}"`);
    }
  } catch (error) {
    // What the system refused (a folder without write permission, a full disk) is no bug of ours:
    // one line naming it, not a stack trace.
    const system = error as NodeJS.ErrnoException;
    if (typeof system.code === 'string' && typeof system.syscall === 'string') {
      const { escapeInvisible } = await import('@cookie-catalog/catalog');
      io.stderr(
        `cookie-catalog: ${escapeInvisible(system.message)}; check that the path exists and that you may ${system.syscall === 'open' || system.syscall.startsWith('read') ? 'read' : 'write'} it\n`,
      );
      return 1;
    }
    io.stderr(
      `cookie-catalog: internal error, please report it: ${(error as Error).stack ?? String(error)}\n`,
    );
    return 70;
  }
}

/**
 * The options each of these commands reads (the others check their own). `--skip-unknown` is
 * accepted wherever old scripts passed it.
 */
const OPTIONS_OF: Readonly<Record<string, readonly string[]>> = {
  validate: ['catalog', 'format', 'strict', 'skip-unknown'],
  generate: ['catalog', 'root', 'check', 'watch', 'skip-unknown'],
  init: ['locales', 'scope', 'name', 'registry'],
  export: ['catalog', 'format', 'out', 'locale', 'skip-unknown'],
  import: ['catalog', 'from', 'platform', 'out'],
};

type ParsedValues = ReturnType<typeof parse>['values'];

/** `consent <subcommand>`: its options are checked per subcommand, in the command's module. */
async function runConsent(rest: readonly string[], values: ParsedValues, io: CliIo) {
  const [subcommand, ...args] = rest;
  const { consentCommand } = await import('./commands/consent.js');
  return consentCommand(
    {
      subcommand,
      args,
      given: Object.keys(values).filter((option) => option !== 'help'),
      help: values.help ?? false,
      store: values.store,
      format: values.format,
      out: values.out,
      policy: values.policy ?? false,
      since: values.since,
      before: values.before,
      olderThan: values['older-than'],
      catalog: values.catalog,
      dryRun: values['dry-run'] ?? false,
    },
    io,
  );
}

/** A usage mistake: one line saying what is wrong, exit 2. */
async function usageError(io: CliIo, message: string): Promise<number> {
  // Loaded only here: an argument can hold an ESC or a line break, shown rather than obeyed.
  const { escapeInvisible } = await import('@cookie-catalog/catalog');
  io.stderr(
    `cookie-catalog: ${escapeInvisible(message)}; run \`cookie-catalog --help\` for the commands and options\n`,
  );
  return 2;
}

/** parseArgs' complaint in our words: `unknown option --formt`, `--out needs a value`. */
function parseProblem(error: Error & { code?: string }, command: string | undefined): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option)
    return command === 'scan' ? `scan has no option ${option}` : `unknown option ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
    return /argument missing/.test(error.message)
      ? `${option} needs a value`
      : `${option} takes no value`;
  return error.message.split('. ')[0] ?? error.message;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      catalog: { type: 'string' },
      format: { type: 'string' },
      strict: { type: 'boolean' },
      root: { type: 'string' },
      check: { type: 'boolean' },
      watch: { type: 'boolean' },
      locales: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      registry: { type: 'string' },
      locale: { type: 'string', multiple: true },
      base: { type: 'string' },
      from: { type: 'string' },
      'require-changeset': { type: 'boolean' },
      out: { type: 'string' },
      'skip-unknown': { type: 'boolean' },
      platform: { type: 'string', multiple: true },
      tsconfig: { type: 'string' },
      'include-vendored': { type: 'boolean' },
      'max-file-size': { type: 'string' },
      service: { type: 'string' },
      pages: { type: 'string' },
      consent: { type: 'string' },
      propose: { type: 'string' },
      'storage-state': { type: 'string' },
      'consent-cookie': { type: 'string' },
      'accept-selector': { type: 'string' },
      'reject-selector': { type: 'string' },
      passes: { type: 'string' },
      baseline: { type: 'string' },
      'fail-on': { type: 'string' },
      redact: { type: 'boolean' },
      organisations: { type: 'string' },
      concurrency: { type: 'string' },
      shard: { type: 'string' },
      sitemap: { type: 'string' },
      urls: { type: 'string' },
      'late-storage-ms': { type: 'string' },
      store: { type: 'string' },
      policy: { type: 'boolean' },
      'older-than': { type: 'string' },
      before: { type: 'string' },
      since: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const STRING_OPTION =
  /^--(catalog|format|root|locales?|scope|name|registry|base|from|out|platform|tsconfig|max-file-size|service|pages|consent|propose|storage-state|consent-cookie|accept-selector|organisations|concurrency|shard|sitemap|urls|late-storage-ms|store|older-than|before|since)$/;

/** The command of arguments that did not parse: the first that is not an option (or its value). */
function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-')) return arg;
    // `--catalog dir scan`: skip an option's value
    if (STRING_OPTION.test(arg)) i++;
  }
  return undefined;
}
