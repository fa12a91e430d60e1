import {
  type Catalog,
  type CatalogEntry,
  createProblem,
  isFirstPartyCookie,
  nameMatcherSource,
  type Problem,
  type Service,
} from '@cookie-catalog/catalog';
import type { NameShape, StorageCall, Store } from './detect.js';

/*
 * Each call held against the catalog, as findings in validate's shape:
 *   undeclared name (error), a cookie our code owns written or read by hand (warning: the
 *   generated function says the same, and cannot drift), a retired cookie written (error: the
 *   policy says it is no longer set), a name scan cannot resolve (info).
 * A comment `// cookie-catalog-ignore: <reason>` on the line or the line above silences the
 * findings of that line; without a reason it silences nothing and is itself an error.
 */

export interface LocatedCall extends Omit<StorageCall, 'node'> {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const IGNORE = /\/\/\s*cookie-catalog-ignore\b:?(.*)$/;

/** The suppression comment on a line, looked for once per line (a minified line is megabytes). */
const ignoreComments = new WeakMap<string[], Map<number, RegExpExecArray | null>>();
function ignoreComment(lines: string[], line: number): RegExpExecArray | null {
  let known = ignoreComments.get(lines);
  if (!known) {
    known = new Map();
    ignoreComments.set(lines, known);
  }
  if (!known.has(line)) known.set(line, IGNORE.exec(lines[line - 1] ?? ''));
  return known.get(line) ?? null;
}

export function findingsFor(
  calls: readonly LocatedCall[],
  catalog: Catalog,
  texts: ReadonlyMap<string, string>,
  service?: Service,
): Problem[] {
  const problems: Problem[] = [];
  const ignoreErrors = new Map<string, Problem>();
  // Each file's lines, split once: splitting per finding made 40,000 findings quadratic.
  const linesOf = new Map<string, string[]>();
  for (const call of calls) {
    const finding = findingFor(call, catalog, service);
    if (!finding) continue;
    let lines = linesOf.get(call.file);
    if (!lines) {
      lines = (texts.get(call.file) ?? '').split('\n');
      linesOf.set(call.file, lines);
    }
    const fileLines = lines;
    const comment = [call.line, call.line - 1]
      .map((line) => ({ line, match: ignoreComment(fileLines, line) }))
      .find((c) => c.match);
    if (comment?.match) {
      const reason = (comment.match[1] ?? '').trim();
      if (reason !== '') continue;
      const column = (lines[comment.line - 1] ?? '').indexOf('//') + 1;
      const key = `${call.file}:${comment.line}`;
      if (!ignoreErrors.has(key))
        ignoreErrors.set(
          key,
          createProblem(
            'scan/ignore-reason',
            { file: call.file, line: comment.line, column },
            'cookie-catalog-ignore without a reason silences nothing',
            'say why, e.g. `// cookie-catalog-ignore: reads the legacy cookie during the migration`',
          ),
        );
    }
    problems.push(finding);
  }
  return [...problems, ...ignoreErrors.values()];
}

function findingFor(
  call: LocatedCall,
  catalog: Catalog,
  service: Service | undefined,
): Problem | undefined {
  const at = { file: call.file, line: call.line, column: call.column };
  const what = call.store === 'cookie' ? 'cookie' : `${call.store} key`;
  if (call.name === undefined) {
    if (call.access !== 'read') return undefined; // clear(): nothing named to check
    return createProblem(
      'scan/unresolved-name',
      at,
      `${call.api} reads every cookie by hand`,
      'read each cookie with its generated reader (readX from the client or server package)',
    );
  }
  const shown = shapeText(call.name);
  if (call.name.every((part) => part === null)) {
    return createProblem(
      'scan/unresolved-name',
      at,
      `${call.api} ${verb(call)} a ${what} whose name is only known at run time`,
      'name it with a constant so scan can check it, or use the generated API; if it is deliberate, add `// cookie-catalog-ignore: <reason>`',
    );
  }
  // A group of another company's cookies without names lives on its domain, where our code
  // cannot write: it would otherwise stand for any name our code uses.
  const entries = catalog.entries.filter((e) => e.kind === kindOf(call.store) && !e.group);
  const matches = entries.filter((entry) => nameMatches(call.name as NameShape, entry));
  if (matches.length === 0) {
    const partly = call.name.includes(null);
    return createProblem(
      'scan/undeclared',
      at,
      `${call.api} ${verb(call)} the ${what} "${shown}", which the catalog does not declare${partly ? ' (no name pattern fits)' : ''}`,
      `declare it in catalog/cookies/ (legal writes its purpose), or remove this code`,
    );
  }
  // Held against one service (`scan --service`): what the code touches must be on that service.
  if (service && !matches.some((entry) => entry.services.includes(service.id))) {
    const [entry] = matches;
    const on = (entry?.services ?? []).join(', ');
    return createProblem(
      'scan/other-service',
      at,
      `${call.api} ${verb(call)} the ${what} "${shown}", which the catalog lists only on ${on}, not on ${service.id}, the service this code is scanned for`,
      `if ${service.id} uses it, add ${service.id} to services: in ${entry?.source ?? 'its entry'}; if not, remove this code from ${service.id}`,
    );
  }
  const own = matches.find(isFirstPartyCookie);
  if (own?.retired !== undefined) return retiredFinding(call, own, at);
  if (own) {
    const fn = generatedFunction(call, own);
    return createProblem(
      'scan/hand-written',
      at,
      `${call.api} ${verb(call)} the declared cookie "${own.name.pattern}" by hand`,
      fn
        ? `use ${fn}, which always writes the catalog's name, lifetime and attributes`
        : `the catalog makes it HttpOnly, so page scripts cannot ${call.access === 'read' ? 'read' : 'write'} it; use the server package`,
    );
  }
  return undefined;
}

/**
 * A cookie the catalog retired: the policy says we no longer set it, so writing it is an error;
 * deleting it by hand has the generated deleter, which keeps the attributes it was set with;
 * reading it (a migration, say) has no generated reader any more.
 */
function retiredFinding(
  call: LocatedCall,
  entry: CatalogEntry,
  at: { file: string; line: number; column: number },
): Problem {
  const browser = /^(document\.cookie|cookieStore|js-cookie)/.test(call.api);
  const deleter =
    browser && entry.setBy === 'client' && !entry.attributes?.httpOnly
      ? `remove${entry.functionName}() from the client package`
      : `delete${entry.functionName}(response) from the server package`;
  const retired = `the cookie "${entry.name.pattern}", which the catalog retired on ${entry.retired}`;
  if (call.access === 'write')
    return createProblem(
      'scan/retired',
      at,
      `${call.api} writes ${retired}: the policy says it is no longer set`,
      `remove this code; to delete it from browsers until its lifetime has run out, use ${deleter}`,
    );
  return createProblem(
    'scan/hand-written',
    at,
    `${call.api} ${verb(call)} ${retired}, by hand`,
    call.access === 'delete'
      ? `use ${deleter}, which deletes it with the attributes it was set with`
      : 'remove this code once nothing needs the old value; if a migration still reads it, add `// cookie-catalog-ignore: <reason>`',
  );
}

function kindOf(store: Store): CatalogEntry['kind'] {
  return store;
}

function verb(call: LocatedCall): string {
  return call.access === 'write' ? 'writes' : call.access === 'read' ? 'reads' : 'deletes';
}

export function shapeText(shape: NameShape): string {
  return shape.map((part) => part ?? '*').join('');
}

/** Which generated function does what this call does by hand. */
function generatedFunction(call: LocatedCall, entry: CatalogEntry): string | undefined {
  const browser = /^(document\.cookie|cookieStore|js-cookie)/.test(call.api);
  const name = entry.functionName;
  if (browser) {
    if (entry.attributes?.httpOnly) return undefined;
    if (call.access === 'read') return `read${name}() from the client package`;
    if (entry.setBy !== 'client') return undefined;
    return call.access === 'write'
      ? `write${name}() from the client package`
      : `remove${name}() from the client package`;
  }
  if (call.access === 'read') return `read${name}(cookieHeader) from the server package`;
  return call.access === 'write'
    ? `set${name}(response, value) from the server package`
    : `delete${name}(response) from the server package`;
}

const matchers = new WeakMap<CatalogEntry, RegExp>();

/**
 * Whether a name (or a shape with holes) can be this entry's name. A hole matches a parameter;
 * a fixed name is compared exactly, a pattern through its regular expression.
 */
export function nameMatches(shape: NameShape, entry: CatalogEntry): boolean {
  let pattern = matchers.get(entry);
  if (!pattern) {
    pattern = new RegExp(nameMatcherSource(entry.name));
    matchers.set(entry, pattern);
  }
  if (!shape.includes(null)) return pattern.test(shape.join(''));
  if (entry.name.parameters.length === 0) return false;
  // A shape with holes fits a pattern when each hole can stand for a parameter: fill the holes
  // with a value any parameter accepts, and the pattern's own example must fit the shape.
  const filled = shape.map((part) => part ?? '1').join('');
  const shapeRegExp = new RegExp(
    `^${shape.map((part) => (part === null ? '[\\s\\S]+' : escapeRegExp(part))).join('')}$`,
  );
  const example = entry.name.parts
    .map((part) =>
      part.type === 'literal'
        ? part.text
        : String(entry.name.parameters.find((p) => p.name === part.name)?.example ?? 'x'),
    )
    .join('');
  return pattern.test(filled) && shapeRegExp.test(example);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
