import { type Catalog, generatedNamesOf, isFirstPartyCookie } from '@cookie-catalog/catalog';
import type { StatementStructures } from 'ts-morph';
import type { Generator } from '../../generator.js';
import {
  type CookieCode,
  cookieCode,
  declarationStatements,
  parseStatements,
} from '../typescript/cookie-code.js';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { entryModule } from '../typescript/entry-module.js';
import { helperImports } from '../typescript/helper-import.js';
import { serviceModules } from '../typescript/service-modules.js';
import { StructureKind } from '../typescript/ts-morph.js';

export interface TsServerOptions {
  /** Where the generated module imports its run-time support from: the toolchain's package. */
  readonly runtimeImport: string;
}

/** What the package passes on from the run time: the adapter and the types its functions take. */
const RUNTIME_VALUES = ['appendSetCookie', 'CookieValueError', 'findCookie'];
const RUNTIME_TYPES = [
  'CookieDeclaration',
  'CookieSource',
  'CookieStoreLike',
  'CookieStoreReader',
  'CookieTarget',
  'HonoContextLike',
  'NodeResponseLike',
  'StoreCookie',
];

/**
 * `ts/server`: for every first-party cookie, a declaration constant and `serializeX`, `setX`,
 * `deleteX`, `readX`; for a retired one (`retired:` in the catalog) only its declaration, marked
 * retired, and `deleteX`, since browsers may hold it until its lifetime has run out. Everything
 * that does not depend on the value (name, Max-Age, attributes) is folded into string literals
 * here, so a setter at run time only checks and concatenates. `index.ts`, the package's entry,
 * adds the run-time names apps use with them; `services/<id>.ts`, per declared service, the same
 * for only the cookies that service uses.
 */
export const tsServerGenerator: Generator<TsServerOptions> = {
  id: 'ts/server',
  description: 'Typed Set-Cookie setters, deleters and Cookie-header readers (the server package)',
  outDir: 'packages/server/src/generated',
  defaultOptions: { runtimeImport: '@cookie-catalog/runtime' },
  generate(catalog: Catalog, { runtimeImport }) {
    const cookies = catalog.entries
      .filter(isFirstPartyCookie)
      .map((cookie) => cookieCode(catalog, cookie));
    const perCookie = cookies.map((code) => ({
      entry: code.cookie,
      statements: serverStatements(code),
    }));
    const helpers = new Set([
      'appendSetCookie',
      'cookieValue',
      ...cookies.flatMap((c) => [...(c.retiredNote === undefined ? c.helpers : c.deletionHelpers)]),
    ]);
    function* statements(): Iterable<StatementStructures | string> {
      yield {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: runtimeImport,
        namedImports: [
          { name: 'CookieDeclaration', isTypeOnly: true },
          { name: 'CookieSource', isTypeOnly: true },
          { name: 'CookieTarget', isTypeOnly: true },
          ...helperImports(helpers),
        ],
      };
      // One cookie's structures at a time, as they are printed (see emitSourceFile).
      for (const cookie of perCookie) yield* cookie.statements;
    }
    // A cookie's own name wins: the id `find` gives `findCookie`, which the run time's would hide.
    const declared = new Set(
      cookies.flatMap(({ cookie }) =>
        generatedNamesOf(
          cookie.id,
          cookie.name.parameters.map((p) => p.name),
        ),
      ),
    );
    const passedOn = (name: string) => !declared.has(name);
    const about =
      'The server package: per cookie of ours its declaration, setter, deleter and reader, and the run-time names they take.';
    const runtime = {
      from: runtimeImport,
      values: RUNTIME_VALUES.filter(passedOn),
      types: RUNTIME_TYPES.filter(passedOn),
    };
    return [
      { path: 'cookies.ts', contents: emitSourceFile(statements()) },
      { path: 'index.ts', contents: entryModule(about, [runtime, { from: './cookies.js' }]) },
      ...serviceModules(catalog, about, perCookie, runtime),
    ];
  },
};

/** The deleter, with exactly the Path, Domain and flags the cookie is (or was) set with. */
function deleterStatement(code: CookieCode): StatementStructures {
  const docs =
    code.retiredNote === undefined
      ? `Deletes ${code.shown}: Max-Age=0 with exactly the Path, Domain and flags it is set with.`
      : `Deletes ${code.shown}: Max-Age=0 with exactly the Path, Domain and flags it was set with.\n\n${code.retiredNote('this deleter (nothing sets, serializes or reads it any more)')}`;
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: `delete${code.pascal}`,
    docs: [docs],
    parameters: [{ name: 'target', type: 'CookieTarget' }, ...code.paramList],
    returnType: 'void',
    statements: code.deletion((setCookie) => `$appendSetCookie(target, ${setCookie});`),
  };
}

function serverStatements(code: CookieCode): (StatementStructures | string)[] {
  // Retired: browsers may still hold it, so it can be deleted; nothing sets, serializes or reads it.
  if (code.retiredNote !== undefined)
    return [...declarationStatements(code, ' satisfies CookieDeclaration'), deleterStatement(code)];
  const { pascal, camel, params, value, valueType, paramList, shown } = code;
  const args = params ? 'params, ' : '';
  // Next.js's cookie stores percent-encode what they are given: URI-encoded values go in decoded.
  const uri = code.uriEncoded ? ', true' : '';
  return [
    ...declarationStatements(code, ' satisfies CookieDeclaration'),
    ...parseStatements(code),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `serialize${pascal}`,
      docs: [
        `The \`Set-Cookie\` header value that sets ${shown}; see {@link ${camel}Cookie}.\n@throws {CookieValueError} when the value does not fit the catalog's declaration.`,
      ],
      parameters: [...paramList, { name: 'value', type: valueType }],
      returnType: 'string',
      statements: code.serialize(),
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `set${pascal}`,
      docs: [
        `Sets ${shown} on a response, replacing an earlier Set-Cookie for it and keeping all others.\n@throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.`,
      ],
      parameters: [
        { name: 'target', type: 'CookieTarget' },
        ...paramList,
        { name: 'value', type: valueType },
      ],
      returnType: 'void',
      statements: [`$appendSetCookie(target, serialize${pascal}(${args}value)${uri});`],
    },
    deleterStatement(code),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `read${pascal}`,
      docs: [
        `Reads ${shown} from a request's \`Cookie\` header (or a Next.js cookie store such as \`await cookies()\`): the value, or undefined when it is absent or not valid. Never throws on a value.`,
      ],
      parameters: [{ name: 'cookies', type: 'CookieSource' }, ...paramList],
      returnType: `${valueType} | undefined`,
      statements: [
        ...code.readerGuard,
        `const raw = $cookieValue(cookies, ${code.nameExpression}${uri});`,
        ...value.decode,
      ],
    },
  ];
}
