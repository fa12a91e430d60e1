import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { escapeInvisible } from '@cookie-catalog/catalog';
import {
  CATALOG_JSON_FILE,
  CATALOG_SCHEMA_FILE,
  catalogJsonGenerator,
  type Generator,
  ocdCsvGenerator,
  runGenerator,
  tcfDeviceStorageGenerator,
} from '@cookie-catalog/codegen';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { namedTargetWithin, outputTargetProblem } from '../output-target.js';
import { reportNotes, validCatalog } from './valid-catalog.js';

/** Each format, the generator that writes it and which of its files is the export. */
export const EXPORT_FORMATS: Readonly<
  Record<string, { generator: Generator<unknown>; file: string | undefined }>
> = {
  'json/tcf-device-storage': {
    generator: tcfDeviceStorageGenerator as Generator<unknown>,
    file: undefined,
  },
  'csv/ocd': { generator: ocdCsvGenerator as Generator<unknown>, file: undefined },
  'json/catalog': {
    generator: catalogJsonGenerator as Generator<unknown>,
    file: CATALOG_JSON_FILE,
  },
  'json/catalog-schema': {
    generator: catalogJsonGenerator as Generator<unknown>,
    file: CATALOG_SCHEMA_FILE,
  },
};

export interface ExportOptions {
  readonly catalog: string;
  readonly format: string | undefined;
  /** A file to write; stdout when undefined. */
  readonly out: string | undefined;
  readonly locale: string | undefined;
}

/**
 * `cookie-catalog export --format ID`: one machine-readable file from the validated catalog, to
 * stdout or --out. Invalid catalog: located problems, exit 1, nothing written. What the format
 * cannot state is left out, and listed as notes on stderr.
 */
export async function exportCommand(options: ExportOptions, io: CliIo): Promise<number> {
  const known = Object.keys(EXPORT_FORMATS).join(', ');
  if (options.format === undefined) {
    io.stderr(`cookie-catalog: export needs --format, one of ${known}\n`);
    return 2;
  }
  const format = EXPORT_FORMATS[options.format];
  if (!format) {
    io.stderr(
      `cookie-catalog: unknown export format "${escapeInvisible(options.format)}"; known: ${known}\n`,
    );
    return 2;
  }
  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  if (out !== undefined) {
    const unsafe = await outputTargetProblem(
      { path: out, within: namedTargetWithin(out, io.cwd), kind: 'file' },
      io.cwd,
    );
    if (unsafe !== undefined) {
      io.stderr(`cookie-catalog: --out ${unsafe}\n`);
      return 2;
    }
  }
  const valid = await validCatalog(options.catalog, io, 'nothing was exported');
  if (!valid) return 1;
  const { dir: catalogDir, catalog } = valid;
  const c = pc.createColors(io.color);
  if (options.locale !== undefined && !catalog.locales.includes(options.locale)) {
    io.stderr(
      `cookie-catalog: --locale ${escapeInvisible(options.locale)} is not one of the catalog's locales (${catalog.locales.join(', ')})\n`,
    );
    return 2;
  }
  const generatorOptions = {
    ...(format.generator.defaultOptions as object),
    locale: options.locale,
  };
  const files = runGenerator(format.generator, catalog, generatorOptions);
  const file = format.file === undefined ? files[0] : files.find((f) => f.path === format.file);
  const contents = file?.contents ?? '';
  // What the format cannot state is left out of the file, and said here (stderr, not the file).
  await reportNotes(catalogDir, format.generator.notes?.(catalog, generatorOptions) ?? [], io);
  if (out === undefined) {
    io.stdout(contents);
    return 0;
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, contents);
  io.stderr(
    `${c.green('✓')} ${escapeInvisible(options.format)}: wrote ${escapeInvisible(relative(io.cwd, out) || out)}\n`,
  );
  return 0;
}
