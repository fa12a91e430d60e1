import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { Project, type ResolutionHostFactory, ScriptKind, type SourceFile, ts } from 'ts-morph';
import { surveyFile, surveyOf } from './detect.js';

/*
 * The program to scan: a tsconfig's files when there is one (with its path aliases and module
 * resolution, so re-exports resolve), else every script under the given paths. The <script>
 * blocks of .vue and .svelte files join as virtual files that keep their line and column.
 */

const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const COMPONENT = /\.(?:vue|svelte)$/;
/** Never ours to scan: dependencies, build output, and the packages the catalog generates. */
const SKIPPED_FOLDER = new Set(['node_modules', 'dist', 'build', '.git', '.turbo', 'coverage']);
const GENERATED = `${sep}src${sep}generated${sep}`;
/** VitePress's pre-bundled dependencies. */
const VITEPRESS_CACHE = `${sep}.vitepress${sep}cache${sep}`;

/**
 * The scan reads the project's own code: which package a name comes from is read from the import
 * itself (`originOf`), and platform globals are the names the program does not declare. So the
 * program holds no dependency's types, no @types package and no standard library: for a VitePress
 * site they were 600 files and 12 MB of declarations, nearly all of a scan's time.
 */
const OWN_CODE_ONLY: ts.CompilerOptions = { types: [], noLib: true };

/** Resolves relative imports and path aliases to the project's files, never into a dependency. */
const ownModulesOnly: ResolutionHostFactory = (host, getCompilerOptions) => ({
  resolveModuleNames: (moduleNames, containingFile) =>
    moduleNames.map((name) => {
      const { resolvedModule } = ts.resolveModuleName(
        name,
        containingFile,
        getCompilerOptions(),
        host,
      );
      return resolvedModule && !resolvedModule.isExternalLibraryImport ? resolvedModule : undefined;
    }),
});

export interface ScanProject {
  readonly project: Project;
  /** The files to look at (sources of the program, not its libraries), with their real paths. */
  readonly files: readonly { readonly source: SourceFile; readonly path: string }[];
  /** Each scanned file's text as on disk, for suppression comments. */
  readonly texts: ReadonlyMap<string, string>;
  /** Files found but not scanned: over the size or nesting budget, or too deep to parse. */
  readonly unscanned: readonly UnscannedFile[];
  /** Vendored code left out (`*.min.js` files, `vendor/`, `public/` and `static/` folders). */
  readonly vendored: readonly string[];
}

export interface UnscannedFile {
  readonly path: string;
  /** Why, for people: "is 3.2 MB, over the 1 MB budget". */
  readonly reason: string;
  /** What to do about it. */
  readonly fix: string;
}

export interface ProjectOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  /** A tsconfig.json; without it one in cwd is used when present. */
  readonly tsconfig: string | undefined;
  /** Scan `*.min.js` files and `vendor/`, `public/`, `static/` folders too (default: false). */
  readonly includeVendored?: boolean | undefined;
  /** Files larger than this many bytes are not scanned, and say so (default: 1 MB). */
  readonly maxFileSize?: number | undefined;
  /** Files whose syntax nests deeper than this are not scanned, and say so (default: 500). */
  readonly maxDepth?: number | undefined;
}

/** 1 MB: hand-written modules are far smaller; a bigger file is a bundle or vendored code. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
/**
 * Syntax nested 500 deep: real code stays under 100 (TypeScript's own 9 MB compiler nests 65
 * deep); TypeScript's parser runs out of stack near 750 (`((((…))))`), and its binder and
 * checker recurse as deep.
 */
export const DEFAULT_MAX_DEPTH = 500;

const VENDORED_FOLDER = new Set(['vendor', 'public', 'static']);
const MINIFIED = /\.min\.[cm]?js$/;

export async function loadProject(options: ProjectOptions): Promise<ScanProject> {
  const roots = (options.paths.length > 0 ? options.paths : ['.']).map((p) =>
    resolve(options.cwd, p),
  );
  const shown = (path: string) => relative(options.cwd, path) || path;
  const tsconfig = options.tsconfig
    ? resolve(options.cwd, options.tsconfig)
    : (await isFile(join(options.cwd, 'tsconfig.json')))
      ? join(options.cwd, 'tsconfig.json')
      : undefined;
  if (tsconfig && !(await isFile(tsconfig)))
    throw new ScanInputError(
      `--tsconfig ${shown(tsconfig)} does not exist; name the project's tsconfig.json, or leave --tsconfig out`,
    );
  const project = tsconfig
    ? projectOf(tsconfig, shown(tsconfig))
    : new Project({
        compilerOptions: {
          allowJs: true,
          checkJs: false,
          noEmit: true,
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.NodeNext,
          moduleResolution: ts.ModuleResolutionKind.NodeNext,
          jsx: ts.JsxEmit.Preserve,
          skipLibCheck: true,
          ...OWN_CODE_ONLY,
        },
        skipFileDependencyResolution: true,
        resolutionHost: ownModulesOnly,
      });
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const files: { source: SourceFile; path: string }[] = [];
  const texts = new Map<string, string>();
  const unscanned: UnscannedFile[] = [];
  const vendored: string[] = [];
  for (const path of await listFiles(roots, options.includeVendored ?? false, vendored, shown)) {
    // Read once, here: a file deleted since the walk is not scanned.
    const bytes = await readFile(path).catch(unlessGone);
    if (bytes === undefined) continue;
    if (bytes.length > maxFileSize) {
      unscanned.push({
        path,
        reason: `is ${sizeText(bytes.length)}, over scan's budget of ${sizeText(maxFileSize)} a file`,
        fix: `if it is your own code, raise the budget (--max-file-size ${sizeText(nextBudget(bytes.length)).replace(' ', '')}); if it is a bundle or vendored, leave it out of the paths scanned`,
      });
      continue;
    }
    const text = bytes.toString('utf8');
    texts.set(path, text);
    const script = COMPONENT.test(path) ? componentScript(text) : undefined;
    if (COMPONENT.test(path) && !script) continue;
    let source: SourceFile | undefined;
    try {
      // Not createSourceFile(path, text, { overwrite: true }) for a file on disk: that adds the
      // disk's file first, then takes its children apart, which parses the comments around every
      // statement, quadratic on a minified file (one line, 100,000 statements).
      source = script
        ? project.createSourceFile(`${path}.${script.lang}`, script.text, {
            overwrite: true,
            scriptKind: script.lang === 'ts' ? ScriptKind.TS : ScriptKind.JS,
          })
        : project.addSourceFileAtPathIfExists(path);
    } catch (error) {
      // TypeScript's parser recurses: ((((…)))) 750 deep runs it out of stack.
      if (!(error instanceof RangeError)) throw error;
      unscanned.push(tooDeep(path, undefined, maxDepth));
      continue;
    }
    if (!source) continue; // gone since it was read
    const depth = surveyFile(source.compilerNode, maxDepth, surveyOf(project));
    if (depth > maxDepth) {
      // Out of the program before it is bound: the binder and checker recurse as deep.
      project.removeSourceFile(source);
      unscanned.push(tooDeep(path, depth, maxDepth));
      continue;
    }
    files.push({ source, path });
  }
  return { project, files, texts, unscanned, vendored };
}

function tooDeep(path: string, depth: number | undefined, maxDepth: number): UnscannedFile {
  return {
    path,
    reason: `nests its syntax ${depth === undefined ? 'too deep to parse' : `more than ${maxDepth} deep`}`,
    fix: 'if it is generated or vendored, leave it out of the paths scanned; else split the expression up',
  };
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} kB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** A round budget above `bytes`: the next whole megabyte (or kilobyte for a small file). */
function nextBudget(bytes: number): number {
  const unit = bytes < 1024 * 1024 ? 1024 : 1024 * 1024;
  return (Math.floor(bytes / unit) + 1) * unit;
}

/**
 * A size as people write it: `5MB`, `500kB`, `2.5 MB`, `1048576` (bytes); undefined when it is
 * not one.
 */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase()[0] as 'b' | 'k' | 'm' | 'g';
  const bytes = Math.round(Number(match[1]) * { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit]);
  return bytes > 0 ? bytes : undefined;
}

/** The project of a tsconfig.json; one that TypeScript cannot read is the user's to fix. */
function projectOf(tsconfig: string, shown: string): Project {
  try {
    return new Project({
      tsConfigFilePath: tsconfig,
      compilerOptions: OWN_CODE_ONLY,
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      resolutionHost: ownModulesOnly,
    });
  } catch (error) {
    const reason = ((error as Error).message.split('\n')[0] ?? '').trim();
    throw new ScanInputError(
      `${shown} is not a tsconfig TypeScript can read (${reason}); fix it, or pass --tsconfig another`,
    );
  }
}

async function listFiles(
  roots: readonly string[],
  includeVendored: boolean,
  vendored: string[],
  shown: (path: string) => string,
): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) {
    const info = await stat(root).catch(() => undefined);
    if (!info) throw new ScanInputError(`${shown(root)} does not exist`);
    if (info.isFile() && !(SCRIPT.test(root) || COMPONENT.test(root)))
      throw new ScanInputError(
        `${shown(root)} is not a script or component (.js, .ts, .jsx, .tsx, .mjs, .cjs, .vue, .svelte); name those, or a folder`,
      );
    // A path named on the command line is scanned, vendored or not: it was asked for.
    if (info.isFile()) found.push(root);
    else await walk(root, found, includeVendored, vendored);
  }
  return [...new Set(found)].sort();
}

/**
 * The scripts and components under `folder`, without going into the folders never scanned
 * (dependencies, build output, generated packages, VitePress's cache). A folder or file that goes
 * away during the walk (a dev server or a build rewriting its cache) is simply not there.
 */
async function walk(
  folder: string,
  found: string[],
  includeVendored: boolean,
  vendored: string[],
): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(unlessGone);
  for (const entry of entries ?? []) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      const inside = `${path}${sep}`;
      if (SKIPPED_FOLDER.has(entry.name)) continue;
      if (inside.endsWith(GENERATED) || inside.endsWith(VITEPRESS_CACHE)) continue;
      if (!includeVendored && VENDORED_FOLDER.has(entry.name)) {
        vendored.push(inside);
        continue;
      }
      await walk(path, found, includeVendored, vendored);
    } else if (entry.isFile() && !entry.name.endsWith('.d.ts')) {
      if (path.includes(GENERATED) || path.includes(VITEPRESS_CACHE)) continue;
      if (!(SCRIPT.test(entry.name) || COMPONENT.test(entry.name))) continue;
      if (!includeVendored && MINIFIED.test(entry.name)) vendored.push(path);
      else found.push(path);
    }
  }
}

/** undefined for a file or folder that is no longer there; any other error is thrown on. */
function unlessGone(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
  throw error;
}

/** A mistake in what the user asked for (a path that is not there): a message, not a crash. */
export class ScanInputError extends Error {}

/**
 * The <script> blocks of a component, at their own lines and columns: everything else becomes
 * spaces (newlines stay), so positions in the virtual file are positions in the component.
 */
export function componentScript(text: string): { text: string; lang: 'ts' | 'js' } | undefined {
  const blocks = scriptBlocks(text);
  if (blocks.length === 0) return undefined;
  const chars = text.replace(/[^\n]/g, ' ').split('');
  let lang: 'ts' | 'js' = 'js';
  for (const { attributes, start, end } of blocks) {
    if (/\blang\s*=\s*["']?ts/i.test(attributes)) lang = 'ts';
    for (let i = start; i < end; i++) chars[i] = text[i] as string;
  }
  // A module, like the component itself: its top-level names stay its own (a plain script's
  // would be globals of the whole program). Appended last, so no position moves.
  return { text: `${chars.join('')}\nexport {};\n`, lang };
}

/**
 * The `<script …>…</script>` blocks, found in one pass: each search starts where the last one
 * ended, and a `<script` with no `>` or no `</script>` after it ends the search (no later block
 * can close either). A regular expression retried at every unclosed `<script` was quadratic.
 */
function scriptBlocks(text: string): { attributes: string; start: number; end: number }[] {
  const blocks: { attributes: string; start: number; end: number }[] = [];
  const open = /<script\b/gi;
  const close = /<\/script\s*>/gi;
  for (let found = open.exec(text); found; found = open.exec(text)) {
    const tagEnd = text.indexOf('>', found.index);
    if (tagEnd === -1) break;
    close.lastIndex = tagEnd + 1;
    const closing = close.exec(text);
    if (!closing) break;
    blocks.push({
      attributes: text.slice(found.index + found[0].length, tagEnd),
      start: tagEnd + 1,
      end: closing.index,
    });
    open.lastIndex = close.lastIndex;
  }
  return blocks;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}
