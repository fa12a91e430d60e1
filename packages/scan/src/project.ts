import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Project, type ResolutionHostFactory, ScriptKind, type SourceFile, ts } from 'ts-morph';

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
}

export interface ProjectOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  /** A tsconfig.json; without it one in cwd is used when present. */
  readonly tsconfig: string | undefined;
}

export async function loadProject(options: ProjectOptions): Promise<ScanProject> {
  const roots = (options.paths.length > 0 ? options.paths : ['.']).map((p) =>
    resolve(options.cwd, p),
  );
  const tsconfig = options.tsconfig
    ? resolve(options.cwd, options.tsconfig)
    : (await isFile(join(options.cwd, 'tsconfig.json')))
      ? join(options.cwd, 'tsconfig.json')
      : undefined;
  const project = tsconfig
    ? new Project({
        tsConfigFilePath: tsconfig,
        compilerOptions: OWN_CODE_ONLY,
        skipAddingFilesFromTsConfig: true,
        skipFileDependencyResolution: true,
        resolutionHost: ownModulesOnly,
      })
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
  const files: { source: SourceFile; path: string }[] = [];
  const texts = new Map<string, string>();
  for (const path of await listFiles(roots)) {
    // Read once, here: a file deleted since the walk is not scanned.
    const text = await readFile(path, 'utf8').catch(unlessGone);
    if (text === undefined) continue;
    texts.set(path, text);
    if (COMPONENT.test(path)) {
      const script = componentScript(text);
      if (!script) continue;
      const source = project.createSourceFile(`${path}.${script.lang}`, script.text, {
        overwrite: true,
        scriptKind: script.lang === 'ts' ? ScriptKind.TS : ScriptKind.JS,
      });
      files.push({ source, path });
    } else {
      files.push({ source: project.createSourceFile(path, text, { overwrite: true }), path });
    }
  }
  return { project, files, texts };
}

async function listFiles(roots: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) {
    const info = await stat(root).catch(() => undefined);
    if (!info) throw new ScanInputError(`${root} does not exist`);
    if (info.isFile()) found.push(root);
    else await walk(root, found);
  }
  return [...new Set(found)].sort();
}

/**
 * The scripts and components under `folder`, without going into the folders never scanned
 * (dependencies, build output, generated packages, VitePress's cache). A folder or file that goes
 * away during the walk (a dev server or a build rewriting its cache) is simply not there.
 */
async function walk(folder: string, found: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(unlessGone);
  for (const entry of entries ?? []) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      const inside = `${path}${sep}`;
      if (SKIPPED_FOLDER.has(entry.name)) continue;
      if (inside.endsWith(GENERATED) || inside.endsWith(VITEPRESS_CACHE)) continue;
      await walk(path, found);
    } else if (entry.isFile() && !entry.name.endsWith('.d.ts')) {
      if (path.includes(GENERATED) || path.includes(VITEPRESS_CACHE)) continue;
      if (SCRIPT.test(entry.name) || COMPONENT.test(entry.name)) found.push(path);
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
  const blocks = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
  if (blocks.length === 0) return undefined;
  const chars = text.replace(/[^\n]/g, ' ').split('');
  let lang: 'ts' | 'js' = 'js';
  for (const block of blocks) {
    if (/\blang\s*=\s*["']?ts/i.test(block[1] ?? '')) lang = 'ts';
    const start = (block.index ?? 0) + block[0].indexOf('>') + 1;
    const body = block[2] ?? '';
    for (let i = 0; i < body.length; i++) chars[start + i] = body[i] as string;
  }
  // A module, like the component itself: its top-level names stay its own (a plain script's
  // would be globals of the whole program). Appended last, so no position moves.
  return { text: `${chars.join('')}\nexport {};\n`, lang };
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}
