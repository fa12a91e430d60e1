import { dirname, resolve } from 'node:path';
import ts from 'typescript';

const BASE_CONFIG = resolve(
  dirname(new URL(import.meta.url).pathname),
  '../../../tsconfig.base.json',
);

/**
 * How long a test that type-checks may take. Building a TypeScript program takes 1–2 s here and
 * five times that on two cores shared with a build; vitest's default 5 s then fails a test that
 * is only slow (issue #17). The bound is for a hang, not a performance target.
 */
export const COMPILE_TIMEOUT = 60_000;

/**
 * Type-checks files with the repository's strict compiler options (tsconfig.base.json) and
 * returns every diagnostic as `file:line: message`. `virtualFiles` (absolute path → text) are
 * added to the program without touching the disk; everything else comes from the file system, so
 * imports resolve through node_modules as they would for a user.
 */
export function compileStrict(
  rootFiles: readonly string[],
  virtualFiles: Readonly<Record<string, string>> = {},
  { dom = false }: { dom?: boolean } = {},
): string[] {
  const config = ts.readConfigFile(BASE_CONFIG, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(BASE_CONFIG));
  // Browser code (the client package) is checked against the DOM library as well.
  const options = dom
    ? { ...parsed.options, lib: [...(parsed.options.lib ?? []), 'lib.dom.d.ts'] }
    : parsed.options;
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => virtualFiles[name] ?? readFile(name);
  host.fileExists = (name) => name in virtualFiles || fileExists(name);
  // Virtual files may live in folders that do not exist on disk.
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) =>
    Object.keys(virtualFiles).some((file) => file.startsWith(`${name}/`)) ||
    (directoryExists?.(name) ?? true);
  const program = ts.createProgram({
    rootNames: [...rootFiles, ...Object.keys(virtualFiles)],
    options: { ...options, noEmit: true },
    host,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}: ${message}`;
  });
}
