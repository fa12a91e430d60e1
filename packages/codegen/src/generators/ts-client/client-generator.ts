import { type Catalog, type FirstPartyCookie, isFirstPartyCookie } from '@cookie-catalog/catalog';
import type { FunctionDeclarationStructure, StatementStructures } from 'ts-morph';
import type { Generator } from '../../generator.js';
import {
  type CookieCode,
  cookieCode,
  nameTypeStatements,
  parseStatements,
  typeStatements,
} from '../typescript/cookie-code.js';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { entryModule } from '../typescript/entry-module.js';
import { helperImports } from '../typescript/helper-import.js';
import { commentText } from '../typescript/literals.js';
import { serviceModules } from '../typescript/service-modules.js';
import { StructureKind, VariableDeclarationKind } from '../typescript/ts-morph.js';

export interface TsClientOptions {
  /** Where the generated module imports its run-time support from: the toolchain's package. */
  readonly runtimeImport: string;
}

/** Script can see a cookie only when it is first-party and not HttpOnly (RFC 6265bis §5.7). */
export function isScriptVisible(cookie: FirstPartyCookie): boolean {
  return !cookie.attributes.httpOnly;
}

/**
 * `ts/client`: for every first-party cookie script can see, `readX()` from `document.cookie` and
 * `readXFrom(cookieString)`; for those the catalog says client script sets, `writeX(value)` and
 * `removeX()`. One small function per cookie, checks inlined, so a bundler keeps only what is
 * imported. A retired cookie keeps only `removeX()`, where script wrote it. HttpOnly,
 * third-party and non-cookie entries get nothing. `index.ts` is the package's entry;
 * `services/<id>.ts`, per declared service, the entry for only the cookies that service uses.
 */
export const tsClientGenerator: Generator<TsClientOptions> = {
  id: 'ts/client',
  description: 'Typed document.cookie readers and writers for the browser (the client package)',
  outDir: 'packages/client/src/generated',
  defaultOptions: { runtimeImport: '@cookie-catalog/runtime' },
  generate(catalog: Catalog, { runtimeImport }) {
    const cookies = catalog.entries
      .filter(isFirstPartyCookie)
      .filter(isScriptVisible)
      // A retired cookie keeps only its remover, and only where script wrote it.
      .filter((cookie) => cookie.retired === undefined || cookie.setBy === 'client')
      .map((cookie) => cookieCode(catalog, cookie, 'size'));
    const perCookie = cookies.map((code) => ({
      entry: code.cookie,
      statements: clientStatements(code),
    }));
    const helpers = new Set(['documentCookies', 'findCookie']);
    for (const code of cookies) {
      const used =
        code.retiredNote !== undefined
          ? [...code.deletionHelpers, 'setDocumentCookie']
          : code.cookie.setBy === 'client'
            ? [...code.helpers, 'setDocumentCookie']
            : readerHelpers(code);
      for (const helper of used) helpers.add(helper);
    }
    function* statements(): Iterable<StatementStructures | string> {
      yield {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: runtimeImport,
        namedImports: helperImports(helpers),
      };
      // One cookie's structures at a time, as they are printed (see emitSourceFile).
      for (const cookie of perCookie) yield* cookie.statements;
    }
    const about =
      'The client package: per cookie script can see its reader (and writer, where client script sets it).';
    const runtime = { from: runtimeImport, values: ['CookieValueError'] };
    return [
      { path: 'cookies.ts', contents: emitSourceFile(statements()) },
      { path: 'index.ts', contents: entryModule(about, [runtime, { from: './cookies.js' }]) },
      ...serviceModules(catalog, about, perCookie, runtime),
    ];
  },
};

/**
 * A fixed-name cookie: one reader whose cookie string defaults to `document.cookie`, and
 * `readXFrom` as a typed alias of it, so importing both costs one function.
 */
function fixedReaders(code: CookieCode): (StatementStructures | string)[] {
  const { pascal, valueType, shown } = code;
  return [
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `read${pascal}`,
      docs: [
        `Reads ${shown} from \`document.cookie\` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.\n\n${code.about}`,
      ],
      parameters: [{ name: 'cookies', type: 'string', initializer: '$documentCookies()' }],
      returnType: `${valueType} | undefined`,
      statements: [
        `const raw = $findCookie(cookies, ${code.nameExpression});`,
        ...code.value.decode,
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`Reads ${shown} from a cookie string such as \`document.cookie\`. Never throws.`],
      declarations: [
        {
          name: `read${pascal}From`,
          type: `(cookies: string) => ${valueType} | undefined`,
          initializer: `read${pascal}`,
        },
      ],
    },
  ];
}

/** A pattern cookie: its parameters come first, so the two readers stay separate functions. */
function patternReaders(code: CookieCode): (StatementStructures | string)[] {
  const { pascal, valueType, shown, paramList } = code;
  return [
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `read${pascal}From`,
      docs: [
        `Reads ${shown} from a cookie string such as \`document.cookie\`: the value, or undefined when it is absent or not valid. Never throws.\n\n${code.about}`,
      ],
      parameters: [{ name: 'cookies', type: 'string' }, ...paramList],
      returnType: `${valueType} | undefined`,
      statements: [
        ...code.readerGuard,
        `const raw = $findCookie(cookies, ${code.nameExpression});`,
        ...code.value.decode,
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `read${pascal}`,
      docs: [
        `Reads ${shown} from \`document.cookie\`; undefined where there is no document (server rendering).`,
      ],
      parameters: paramList,
      returnType: `${valueType} | undefined`,
      statements: [`return read${pascal}From($documentCookies(), params);`],
    },
  ];
}

/** The helpers a reader alone needs: decoders and the parameter check, never the encoders. */
function readerHelpers(code: CookieCode): string[] {
  const decoders = ['decodeUri', 'decodeBase64Url', 'parseJsonObject', 'TOKEN'];
  return [...code.helpers].filter((helper) => decoders.includes(helper));
}

/** The remover, with exactly the Path, Domain and flags script writes (or wrote) it with. */
function removerStatement(code: CookieCode): FunctionDeclarationStructure {
  const docs =
    code.retiredNote === undefined
      ? `Removes ${code.shown}: Max-Age=0 with exactly the Path, Domain and flags it is written with.`
      : `Removes ${code.shown}: Max-Age=0 with exactly the Path, Domain and flags it was written with.\n\n${code.retiredNote('this remover (nothing writes or reads it any more)')}`;
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: `remove${code.pascal}`,
    docs: [docs],
    parameters: code.paramList,
    returnType: 'void',
    statements: code.deletion((setCookie) => `$setDocumentCookie(${setCookie});`),
  };
}

function clientStatements(code: CookieCode): (StatementStructures | string)[] {
  // Retired: nothing reads or writes it any more, but script can still remove what it wrote.
  if (code.retiredNote !== undefined) return [...nameTypeStatements(code), removerStatement(code)];
  const { pascal, params, valueType, paramList, shown } = code;
  const attributes = commentText(code.attributeText.slice(2));
  const writable = code.cookie.setBy === 'client';
  return [
    ...typeStatements(code),
    ...(writable ? parseStatements(code) : []),
    ...(params ? patternReaders(code) : fixedReaders(code)),
    ...(writable
      ? [
          {
            kind: StructureKind.Function,
            isExported: true,
            name: `write${pascal}`,
            docs: [
              `Writes ${shown} with the catalog's attributes: ${attributes}.\n@throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is written then.`,
            ],
            parameters: [...paramList, { name: 'value', type: valueType }],
            returnType: 'void',
            statements: [...code.serialize((setCookie) => `$setDocumentCookie(${setCookie});`)],
          } satisfies FunctionDeclarationStructure,
          removerStatement(code),
        ]
      : []),
  ];
}
