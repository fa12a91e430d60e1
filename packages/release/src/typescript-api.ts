import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import type { Bump } from './catalog-diff.js';

/*
 * The public API of generated TypeScript packages, base against head, as the people who import
 * them meet it. Both sides are compiled in one program (in memory, nothing written), so the
 * checker can hold a head export against its base: would code written against the base still
 * compile against the head?
 *
 * - an export gone → major; an export added → minor;
 * - a function whose head type is assignable to its base type only (a parameter widened, a
 *   result narrowed) → minor; one that is not (a parameter narrowed, a result widened: a reader
 *   that can now return a new value) → major;
 * - a type widened → minor, narrowed or changed otherwise → major;
 * - a constant that is not a function is data (a cookie's declaration: its lifetime and
 *   attributes, even typed `as const`) → patch, like any other text that differs (JSDoc, bodies).
 */

export interface ApiChange {
  readonly bump: Bump;
  readonly reason: string;
}

export interface TypeScriptPackage {
  /** The generated package's key (`server`, `consent`, …). */
  readonly key: string;
  /** Files by path inside the package (`src/generated/cookies.ts`). */
  readonly before: ReadonlyMap<string, string>;
  readonly after: ReadonlyMap<string, string>;
}

export interface ApiCompareOptions {
  /**
   * Each side's generated packages, npm name → key, so that one generated package's import of
   * another (consent imports the server package) resolves to that side's package.
   */
  readonly packageNames: Readonly<Record<'before' | 'after', Readonly<Record<string, string>>>>;
}

/**
 * Where the in-memory files seem to live: inside this package, so that what generated code imports
 * from the toolchain (`@cookie-catalog/runtime`, a dependency of this package) resolves from here,
 * in this repository and in any installation. Nothing is written there.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** The API changes of every package whose TypeScript differs, by key. */
export function compareTypeScriptApis(
  packages: readonly TypeScriptPackage[],
  options: ApiCompareOptions,
): Map<string, ApiChange[]> {
  const result = new Map<string, ApiChange[]>();
  const changed = packages.filter((p) => !sameFiles(p.before, p.after));
  if (changed.length === 0) return result;
  const base = join(ROOT, '.cookie-catalog-compare');
  const virtual = new Map<string, string>();
  const entries = new Map<string, { before: string[]; after: string[] }>();
  for (const side of ['before', 'after'] as const) {
    for (const pkg of packages) {
      const folder = join(base, side, pkg.key);
      const brands = join(base, 'brands', `${pkg.key}.ts`);
      const found: string[] = [];
      for (const [path, contents] of pkg[side]) {
        const file = join(folder, path);
        const linked = linkGeneratedPackages(contents, file, side, pkg, packages, options);
        virtual.set(file, shareBrands(linked, file, brands, virtual));
        if (isEntry(path, pkg[side])) found.push(file);
      }
      const seen = entries.get(pkg.key) ?? { before: [], after: [] };
      seen[side] = found.sort();
      entries.set(pkg.key, seen);
    }
  }
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const { getSourceFile, fileExists, readFile } = host;
  const folders = new Set<string>();
  for (const file of virtual.keys())
    for (let dir = dirname(file); dir.startsWith(base) && !folders.has(dir); dir = dirname(dir))
      folders.add(dir);
  const { directoryExists } = host;
  host.directoryExists = (dir) =>
    folders.has(dir) || dir === base || (directoryExists?.call(host, dir) ?? false);
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = virtual.get(file);
    return text === undefined
      ? getSourceFile.call(host, file, language, onError, create)
      : ts.createSourceFile(file, text, language, true);
  };
  host.getCurrentDirectory = () => ROOT;
  const program = ts.createProgram([...virtual.keys()], COMPILER_OPTIONS, host);
  const checker = program.getTypeChecker();
  // An import that does not resolve would make its types `any`, which fits anything: the
  // comparison would miss every change. Better to stop and say so.
  for (const file of virtual.keys()) {
    const source = program.getSourceFile(file);
    const missing = source
      ? program.getSemanticDiagnostics(source).find((d) => d.code === 2307)
      : undefined;
    if (missing)
      throw new Error(
        `cannot compare the generated packages: ${ts.flattenDiagnosticMessageText(missing.messageText, ' ')} (in ${relative(base, file)})`,
      );
  }

  for (const pkg of changed) {
    const files = entries.get(pkg.key) ?? { before: [], after: [] };
    const before = exportsOf(program, checker, files.before, join(base, 'before', pkg.key));
    const after = exportsOf(program, checker, files.after, join(base, 'after', pkg.key));
    const changes: ApiChange[] = [];
    for (const [name, old] of before) {
      const next = after.get(name);
      if (!next) {
        changes.push({ bump: 'major', reason: `${name} removed` });
        continue;
      }
      const change = compareExport(checker, name, old, next);
      if (change) changes.push(change);
    }
    for (const name of after.keys())
      if (!before.has(name)) changes.push({ bump: 'minor', reason: `${name} added` });
    // Whatever else differs (data in constants, texts, JSDoc, function bodies) is a patch.
    if (changes.length === 0)
      changes.push({ bump: 'patch', reason: 'generated code changed (data, texts or behaviour)' });
    result.set(pkg.key, changes);
  }
  return result;
}

interface Exported {
  readonly symbol: ts.Symbol;
  readonly kind: 'function' | 'value' | 'type';
  readonly type: ts.Type;
  readonly text: string;
}

/**
 * A package's entry modules: `index.ts` (and another top-level module a package.json `exports`
 * may name, such as `browser.ts`) when the package has an index; every module when it has not.
 */
function isEntry(path: string, files: ReadonlyMap<string, string>): boolean {
  const folder = posix.dirname(path);
  const index = posix.join(folder, 'index.ts');
  if (!files.has(index)) return true;
  return path === index || path === posix.join(folder, 'browser.ts');
}

/**
 * A generated package imports another by its npm name (consent imports the server package): in
 * the comparison, that name points at the other package's entry on the same side.
 */
function linkGeneratedPackages(
  contents: string,
  file: string,
  side: 'before' | 'after',
  own: TypeScriptPackage,
  packages: readonly TypeScriptPackage[],
  options: ApiCompareOptions,
): string {
  return contents.replace(/(from\s+)'([^']+)'/g, (whole, from: string, specifier: string) => {
    const key = options.packageNames[side][specifier];
    const target = packages.find((p) => p.key === key);
    if (!target || target === own) return whole;
    const index = [...target[side].keys()].find((path) => path.endsWith('index.ts'));
    if (!index) return whole;
    const entry = join(ROOT, '.cookie-catalog-compare', side, target.key, index);
    let path = relative(dirname(file), entry).split('\\').join('/').replace(/\.ts$/, '.js');
    if (!path.startsWith('.')) path = `./${path}`;
    return `${from}'${path}'`;
  });
}

/**
 * A checked value type is branded with a `unique symbol` declared in its module, so the base's
 * `CsrftokenValue` and the head's would never be the same type. Code written against one brand
 * compiles against the other, so in the comparison both sides import each brand from one module
 * per package.
 */
function shareBrands(
  contents: string,
  file: string,
  brands: string,
  virtual: Map<string, string>,
): string {
  return contents.replace(
    /^declare const ([A-Za-z_$][\w$]*): unique symbol;$/gm,
    (_whole, name: string) => {
      const shared = virtual.get(brands) ?? '';
      const line = `export declare const ${name}: unique symbol;\n`;
      if (!shared.includes(line)) virtual.set(brands, shared + line);
      let path = relative(dirname(file), brands).split('\\').join('/').replace(/\.ts$/, '.js');
      if (!path.startsWith('.')) path = `./${path}`;
      return `import { ${name} } from '${path}';`;
    },
  );
}

/** `services/platform` for a service's module (…/services/platform.ts); else undefined. */
function serviceSubpath(path: string): string | undefined {
  return /(?:^|\/)(services\/[^/]+)\.ts$/.exec(path)?.[1];
}

function exportsOf(
  program: ts.Program,
  checker: ts.TypeChecker,
  files: readonly string[],
  folder: string,
): Map<string, Exported> {
  // Each name an entry exports, with what it stands for; one thing exported by two entries
  // (index.ts and browser.ts both export CONSENT_VERSION) is one export. A service's own module
  // (services/<id>.ts, the subpath `<package>/<id>`) is an API of its own: its names are keyed
  // by it, so a cookie that leaves a service is removed there even if the package keeps it.
  const byName = new Map<string, { file: string; symbol: ts.Symbol }[]>();
  for (const file of files) {
    const subpath = serviceSubpath(relative(folder, file).split('\\').join('/'));
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) continue;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const name = subpath ? `${subpath}: ${exported.getName()}` : exported.getName();
      const seen = byName.get(name) ?? [];
      seen.push({ file, symbol });
      byName.set(name, seen);
    }
  }
  const found = new Map<string, Exported>();
  for (const [name, exports] of byName) {
    const one = exports.every((e) => e.symbol === exports[0]?.symbol);
    for (const { file, symbol } of one ? exports.slice(0, 1) : exports) {
      const key = one ? name : `${relative(folder, file).split('\\').join('/')}: ${name}`;
      if (symbol.flags & ts.SymbolFlags.Value) {
        const type = checker.getTypeOfSymbol(symbol);
        const kind = type.getCallSignatures().length > 0 ? 'function' : 'value';
        found.set(key, { symbol, kind, type, text: typeText(checker, type) });
      } else if (symbol.flags & ts.SymbolFlags.Type) {
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        found.set(key, { symbol, kind: 'type', type, text: typeText(checker, type) });
      }
    }
  }
  return found;
}

function compareExport(
  checker: ts.TypeChecker,
  name: string,
  old: Exported,
  next: Exported,
): ApiChange | undefined {
  if (old.kind !== next.kind) {
    return { bump: 'major', reason: `${name} is now a ${next.kind} (was a ${old.kind})` };
  }
  // Data: a constant's value, e.g. a cookie's Max-Age in its declaration.
  if (old.kind === 'value') {
    return old.text === next.text
      ? undefined
      : { bump: 'patch', reason: `${name} holds other data` };
  }
  const forward = checker.isTypeAssignableTo(next.type, old.type);
  const backward = checker.isTypeAssignableTo(old.type, next.type);
  if (forward && backward) return undefined;
  if (old.kind === 'function') {
    // Code written against the base still compiles when the head's type fits where the base's was.
    const words = functionWords(checker, old.type, next.type);
    return forward
      ? { bump: 'minor', reason: `${name} ${words ?? `is now ${next.text}`}` }
      : { bump: 'major', reason: `${name} ${words ?? `was ${old.text}, is now ${next.text}`}` };
  }
  return backward
    ? { bump: 'minor', reason: `type ${name} widened: ${old.text} → ${next.text}` }
    : { bump: 'major', reason: `type ${name} narrowed or changed: ${old.text} → ${next.text}` };
}

/** What changed in a one-signature function, for people: its parameters, its result. */
function functionWords(checker: ts.TypeChecker, old: ts.Type, next: ts.Type): string | undefined {
  const [a] = old.getCallSignatures();
  const [b] = next.getCallSignatures();
  if (!a || !b || old.getCallSignatures().length + next.getCallSignatures().length !== 2)
    return undefined;
  const words: string[] = [];
  const count = Math.max(a.parameters.length, b.parameters.length);
  for (let i = 0; i < count; i++) {
    const was = a.parameters[i];
    const is = b.parameters[i];
    if (!was || !is) {
      words.push(
        is ? `takes a new parameter ${is.getName()}` : `no longer takes ${was?.getName()}`,
      );
      continue;
    }
    const before = checker.getTypeOfSymbol(was);
    const after = checker.getTypeOfSymbol(is);
    const wider = checker.isTypeAssignableTo(before, after);
    const narrower = checker.isTypeAssignableTo(after, before);
    if (wider && narrower) continue;
    const shown = `${typeText(checker, before, true)} → ${typeText(checker, after, true)}`;
    words.push(`accepts ${wider ? 'more' : 'less'} as ${is.getName()} (${shown})`);
  }
  const before = checker.getReturnTypeOfSignature(a);
  const after = checker.getReturnTypeOfSignature(b);
  const more = !checker.isTypeAssignableTo(after, before);
  const less = !checker.isTypeAssignableTo(before, after);
  if (more || less) {
    const shown = `${typeText(checker, before, true)} → ${typeText(checker, after, true)}`;
    words.push(
      more && !less
        ? `can return what it could not before (${shown})`
        : less && !more
          ? `returns less (${shown})`
          : `returns something else (${shown})`,
    );
  }
  return words.length > 0 ? words.join(', ') : undefined;
}

/** A type as people read it; `expand` spells out a union's members ("en" | "sv", not LanguageValue). */
function typeText(checker: ts.TypeChecker, type: ts.Type, expand = false): string {
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias;
  if (expand && type.isUnion())
    return type.types.map((part) => checker.typeToString(part, undefined, flags)).join(' | ');
  return checker.typeToString(type, undefined, flags);
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, contents] of a) if (b.get(path) !== contents) return false;
  return true;
}
