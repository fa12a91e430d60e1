import {
  type Catalog,
  type FirstPartyCookie,
  isFirstPartyCookie,
  type Lifetime,
} from '@cookie-catalog/catalog';
import {
  type FunctionDeclarationStructure,
  type StatementStructures,
  StructureKind,
  VariableDeclarationKind,
} from 'ts-morph';
import type { Generator } from '../../generator.js';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { camelCase, commentText, dataLiteral, stringLiteral } from '../typescript/literals.js';
import { type FailExpression, nameParameterCode, valueCode } from '../typescript/value-code.js';

/**
 * `ts/server`: for every first-party cookie, a declaration constant and `serializeX`, `setX`,
 * `deleteX`, `readX`. Everything that does not depend on the value (name, Max-Age, attributes)
 * is folded into string literals here, so a setter at run time only checks and concatenates.
 */
export interface TsServerOptions {
  /** Where the generated module imports its run-time support from. */
  readonly runtimeImport: string;
}

export const tsServerGenerator: Generator<TsServerOptions> = {
  id: 'ts/server',
  description:
    'Typed Set-Cookie setters, deleters and Cookie-header readers (@cookie-catalog/server)',
  outDir: 'packages/server/src/generated',
  defaultOptions: { runtimeImport: '../runtime/index.js' },
  generate(catalog: Catalog, { runtimeImport }) {
    const cookies = catalog.entries.filter(isFirstPartyCookie);
    const helpers = new Set<string>(['appendSetCookie', 'CookieValueError', 'findCookie']);
    const body = cookies.flatMap((cookie) => cookieStatements(catalog, cookie, helpers));
    const runtimeImports = [...helpers].sort();
    const statements: (StatementStructures | string)[] = [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: runtimeImport,
        namedImports: [
          { name: 'CookieDeclaration', isTypeOnly: true },
          { name: 'CookieTarget', isTypeOnly: true },
          ...runtimeImports.map((name) => ({ name })),
        ],
      },
      ...body,
    ];
    return [{ path: 'cookies.ts', contents: emitSourceFile(statements) }];
  },
};

function cookieStatements(
  catalog: Catalog,
  cookie: FirstPartyCookie,
  helpers: Set<string>,
): (StatementStructures | string)[] {
  const camel = camelCase(cookie.functionName);
  const pascal = cookie.functionName;
  const value = valueCode(cookie);
  for (const helper of value.helpers) helpers.add(helper);
  const isPattern = cookie.name.parameters.length > 0;
  const params = isPattern ? nameParameterCode(cookie.name.parameters, camel) : undefined;
  if (params) helpers.add('TOKEN').add('describeValue');
  const { attributes } = cookie;
  const maxAge = cookie.lifetime.kind === 'duration' ? cookie.lifetime.seconds : undefined;
  const attributeText = [
    maxAge !== undefined ? `; Max-Age=${maxAge}` : '',
    attributes.domain !== undefined ? `; Domain=${attributes.domain}` : '',
    `; Path=${attributes.path}`,
    attributes.secure ? '; Secure' : '',
    attributes.httpOnly ? '; HttpOnly' : '',
    `; SameSite=${attributes.sameSite}`,
    attributes.partitioned ? '; Partitioned' : '',
  ].join('');
  const deleteAttributeText = `; Max-Age=0${attributeText.replace(/^; Max-Age=\d+/, '')}`;
  const nameLiteral = stringLiteral(cookie.name.pattern);
  const fail: FailExpression = (reason) =>
    `throw new CookieValueError(${isPattern ? 'name' : nameLiteral}, ${reason})`;
  const nameExpression = cookie.name.parts
    .map((part) =>
      part.type === 'literal' ? stringLiteral(part.text) : `${paramExpression(cookie, part.name)}`,
    )
    .join(' + ');
  const buildName = params
    ? [
        ...params.check((reason) => `throw new CookieValueError(${nameLiteral}, ${reason})`),
        `const name = ${nameExpression};`,
      ]
    : [`const name = ${nameLiteral};`];
  const valueType = `${pascal}Value`;
  const paramsType = `${pascal}Name`;
  const paramList = params ? [{ name: 'params', type: paramsType }] : [];
  const about = describe(catalog, cookie, maxAge);
  const shown = `\`${commentText(cookie.name.pattern)}\``;

  const functions: FunctionDeclarationStructure[] = [
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `serialize${pascal}`,
      docs: [
        `The \`Set-Cookie\` header value that sets ${shown}; see {@link ${camel}Cookie}.\n@throws {CookieValueError} when the value does not fit the catalog's declaration.`,
      ],
      parameters: [...paramList, { name: 'value', type: valueType }],
      returnType: 'string',
      statements: [
        ...(params || value.usesName ? buildName : []),
        ...value.encode(fail),
        params || value.usesName
          ? `return name + '=' + encoded + ${stringLiteral(attributeText)};`
          : `return ${stringLiteral(`${cookie.name.pattern}=`)} + encoded + ${stringLiteral(attributeText)};`,
      ],
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
      statements: [
        params
          ? `appendSetCookie(target, ${nameExpressionFor(cookie)}, serialize${pascal}(params, value));`
          : `appendSetCookie(target, ${nameLiteral}, serialize${pascal}(value));`,
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `delete${pascal}`,
      docs: [`Deletes ${shown}: Max-Age=0 with exactly the Path, Domain and flags it is set with.`],
      parameters: [{ name: 'target', type: 'CookieTarget' }, ...paramList],
      returnType: 'void',
      statements: [
        ...buildName,
        `appendSetCookie(target, name, name + ${stringLiteral(`=${deleteAttributeText}`)});`,
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `read${pascal}`,
      docs: [
        `Reads ${shown} from a request's \`Cookie\` header: the value, or undefined when it is absent or not valid. Never throws.`,
      ],
      parameters: [{ name: 'cookieHeader', type: 'string | null | undefined' }, ...paramList],
      returnType: `${valueType} | undefined`,
      statements: [
        ...(params ? [`if (!(${params.valid})) return undefined;`] : []),
        `const raw = findCookie(cookieHeader, ${params ? nameExpression : nameLiteral});`,
        ...value.decode,
      ],
    },
  ];

  return [
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`What the catalog declares for ${shown}.\n\n${about}`],
      declarations: [
        {
          name: `${camel}Cookie`,
          initializer: `${dataLiteral({
            id: cookie.id,
            name: cookie.name.pattern,
            category: cookie.category,
            maxAge,
            setBy: cookie.setBy,
            attributes: {
              path: attributes.path,
              domain: attributes.domain,
              secure: attributes.secure,
              httpOnly: attributes.httpOnly,
              sameSite: attributes.sameSite,
              partitioned: attributes.partitioned,
            },
          })} as const satisfies CookieDeclaration`,
        },
      ],
    },
    { kind: StructureKind.TypeAlias, isExported: true, name: valueType, type: value.type },
    ...(params
      ? [
          {
            kind: StructureKind.TypeAlias,
            isExported: true,
            name: paramsType,
            type: params.type,
          } as const,
        ]
      : []),
    ...value.constants,
    ...(params?.constants ?? []),
    ...functions,
  ];
}

function paramExpression(cookie: FirstPartyCookie, name: string): string {
  const parameter = cookie.name.parameters.find((p) => p.name === name);
  const access = `params[${stringLiteral(name)}]`;
  return parameter?.type === 'integer' ? `String(${access})` : access;
}

/** The built name for setX's dedupe key; serializeX validates the parameters first. */
function nameExpressionFor(cookie: FirstPartyCookie): string {
  return cookie.name.parts
    .map((part) =>
      part.type === 'literal' ? stringLiteral(part.text) : paramExpression(cookie, part.name),
    )
    .join(' + ');
}

function describe(catalog: Catalog, cookie: FirstPartyCookie, maxAge: number | undefined): string {
  const purpose = commentText(cookie.purpose[catalog.defaultLocale] ?? '');
  return `${purpose} Lifetime: ${lifetimeWords(cookie.lifetime, maxAge)}. Category: ${cookie.category}.`;
}

function lifetimeWords(lifetime: Lifetime, maxAge: number | undefined): string {
  if (lifetime.kind === 'duration')
    return `${lifetime.amount} ${lifetime.unit}${lifetime.amount === 1 ? '' : 's'}, Max-Age=${maxAge}`;
  return 'a session cookie';
}
