import type { Catalog, PendingProblem } from '@cookie-catalog/catalog';

/** The fixed first line of every generated file. No dates, no paths: output is deterministic. */
export const GENERATED_HEADER = 'Generated from catalog/ by cookie-catalog. Do not edit.';

/** One output file, its path relative to the generator's output directory, `/`-separated. */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

/**
 * A generator is a pure function of the validated catalog: same catalog and options, same bytes.
 * It never touches the file system; the CLI writes what it returns.
 */
export interface Generator<Options = Record<string, never>> {
  /** Stable id, `<format>/<target>`: `ts/server`, `ts/client`, `html/policy-table`, `md/policy`. */
  readonly id: string;
  /** One line for `cookie-catalog generate --list`. */
  readonly description: string;
  /** Where the CLI writes the output, relative to the repository root. */
  readonly outDir: string;
  readonly defaultOptions: Options;
  generate(catalog: Catalog, options: Options): readonly GeneratedFile[];
  /**
   * What the output leaves out because its format cannot state it, one note per fact, placed in
   * the catalog (rule `export/…`, severity info). A generator never refuses a valid catalog.
   */
  notes?(catalog: Catalog, options: Options): readonly PendingProblem[];
}

const GENERATOR_ID = /^[a-z]+\/[a-z][a-z0-9-]*$/;

/** Generators by id. Adding an output means registering a new generator, not editing an old one. */
export class GeneratorRegistry {
  readonly #generators = new Map<string, Generator<unknown>>();

  register<Options>(generator: Generator<Options>): this {
    if (!GENERATOR_ID.test(generator.id)) {
      throw new Error(`generator id "${generator.id}" must look like "ts/server"`);
    }
    if (this.#generators.has(generator.id)) {
      throw new Error(`a generator "${generator.id}" is already registered`);
    }
    this.#generators.set(generator.id, generator as Generator<unknown>);
    return this;
  }

  get(id: string): Generator<unknown> | undefined {
    return this.#generators.get(id);
  }

  /** All generators, sorted by id. */
  list(): readonly Generator<unknown>[] {
    return [...this.#generators.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

/**
 * Runs one generator and checks what it returned: relative, unique paths inside its output
 * directory, sorted by path so that the order of writes is deterministic too.
 */
export function runGenerator<Options>(
  generator: Generator<Options>,
  catalog: Catalog,
  options: Partial<Options> = {},
): readonly GeneratedFile[] {
  const files = generator.generate(catalog, { ...generator.defaultOptions, ...options });
  const seen = new Set<string>();
  for (const file of files) {
    if (
      file.path.startsWith('/') ||
      file.path.split('/').includes('..') ||
      file.path.includes('\\')
    ) {
      throw new Error(
        `generator ${generator.id} returned a path outside its directory: ${file.path}`,
      );
    }
    if (seen.has(file.path)) {
      throw new Error(`generator ${generator.id} returned ${file.path} twice`);
    }
    seen.add(file.path);
  }
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The registry the CLI uses. Generator modules register themselves in generators/index.ts. */
export const generators = new GeneratorRegistry();
