import type { Catalog, FirstPartyCookie, Lifetime } from '@cookie-catalog/catalog';
import type { OptionalKind, ParameterDeclarationStructure, StatementStructures } from 'ts-morph';
import { camelCase, commentText, dataLiteral, stringLiteral } from './literals.js';
import { StructureKind } from './ts-morph.js';
import {
  type CodePreference,
  type FailExpression,
  nameParameterCode,
  type ValueCode,
  valueCode,
} from './value-code.js';

/**
 * What the server and client generators both need to know about one first-party cookie, decided
 * once: its generated names, its wire name (or how to build it from parameters), the attribute
 * text folded into a string literal, and its value code.
 */
export interface CookieCode {
  readonly cookie: FirstPartyCookie;
  /** `AccessToken` */
  readonly pascal: string;
  /** `accessToken` */
  readonly camel: string;
  readonly value: ValueCode;
  /** Present for a name pattern such as `sub-{id}`. */
  readonly params: ReturnType<typeof nameParameterCode> | undefined;
  /** `; Max-Age=…; Path=/; Secure; …` exactly as it follows the value. */
  readonly attributeText: string;
  readonly maxAge: number | undefined;
  /** An expression for the wire name (a literal, or built from the parameters' locals). */
  readonly nameExpression: string;
  /**
   * For a reader: statements that read the parameters once and return undefined when one does
   * not fit; `nameExpression` may be used after them.
   */
  readonly readerGuard: string[];
  /** The `params` parameter, when there is one. */
  readonly paramList: OptionalKind<ParameterDeclarationStructure>[];
  readonly valueType: string;
  readonly paramsType: string;
  /** The cookie name in backticks, for docs. */
  readonly shown: string;
  /** Purpose, lifetime and category in one line, for docs. */
  readonly about: string;
  /** Whether the value goes on the wire percent-encoded (`encoding: uri`). */
  readonly uriEncoded: boolean;
  /** Run-time helpers this cookie's code uses. */
  readonly helpers: ReadonlySet<string>;
  /** Run-time helpers its deleter alone uses (a retired cookie's only function). */
  readonly deletionHelpers: ReadonlySet<string>;
  /**
   * For a retired cookie (`retired:` in the catalog), docs saying since when and why `remains`
   * (what its code keeps) is all there is; undefined while it is set.
   */
  readonly retiredNote: ((remains: string) => string) | undefined;
  /** The declaration constant's initializer. */
  readonly declaration: string;
  /** Statements that check the parameters (if any) and declare `name`. */
  buildName(): string[];
  /**
   * Statements that check and encode the value and hand the Set-Cookie string to `finish`
   * (by default `return …;`, for serializeX).
   */
  serialize(finish?: (setCookie: string) => string): string[];
  /**
   * Statements that hand `finish` the string that deletes the cookie: Max-Age=0 with the same
   * Path, Domain and flags; one literal for a fixed name.
   */
  deletion(finish: (setCookie: string) => string): string[];
}

export function cookieCode(
  catalog: Catalog,
  cookie: FirstPartyCookie,
  prefer: CodePreference = 'speed',
): CookieCode {
  const pascal = cookie.functionName;
  const camel = camelCase(pascal);
  const value = valueCode(cookie, prefer);
  const params = cookie.name.parameters.length
    ? nameParameterCode(cookie.name.parameters, camel, prefer)
    : undefined;
  const helpers = new Set([
    ...value.helpers,
    'CookieValueError',
    ...(params ? ['TOKEN', 'invalidValue'] : []),
  ]);
  if (prefer === 'size' && !params) helpers.delete('invalidValue');
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
  const nameExpression = params
    ? cookie.name.parts
        .map((part) => {
          if (part.type === 'literal') return stringLiteral(part.text);
          const access = params.local(part.name);
          const integer =
            cookie.name.parameters.find((p) => p.name === part.name)?.type === 'integer';
          return integer ? `String(${access})` : access;
        })
        .join(' + ')
    : nameLiteral;
  const cookieName = params ? 'name' : nameLiteral;
  // In the browser (`size`) the error says what is wrong without describing the value: the
  // describing code is a tenth of a client bundle. The server's errors quote the value.
  const fail: FailExpression = Object.assign(
    (problem: string) =>
      prefer === 'size'
        ? `throw new $CookieValueError(${cookieName}, ${stringLiteral(`the value ${problem}`)})`
        : `throw $invalidValue(${cookieName}, value, ${stringLiteral(problem)})`,
    {
      withMessage: (expression: string) =>
        `throw new $CookieValueError(${cookieName}, ${expression})`,
    },
  );
  const buildName = () =>
    params
      ? [
          ...params.read,
          ...params.check(
            (parameter, problem) =>
              `throw $invalidValue(${nameLiteral}, ${parameter}, ${stringLiteral(problem)})`,
          ),
          `const name = ${nameExpression};`,
        ]
      : [`const name = ${nameLiteral};`];
  return {
    cookie,
    deletionHelpers: new Set(params ? ['TOKEN', 'invalidValue'] : []),
    retiredNote: retiredNote(cookie),
    pascal,
    camel,
    value,
    params,
    attributeText,
    maxAge,
    nameExpression,
    readerGuard: params ? [...params.read, `if (!(${params.valid})) return undefined;`] : [],
    paramList: params ? [{ name: 'params', type: `${pascal}Name` }] : [],
    valueType: `${pascal}Value`,
    paramsType: `${pascal}Name`,
    shown: `\`${commentText(cookie.name.pattern)}\``,
    about: `${commentText(cookie.purpose[catalog.defaultLocale] ?? '')} Lifetime: ${lifetimeWords(cookie.lifetime)}. Category: ${cookie.category}.`,
    helpers,
    uriEncoded: 'encoding' in cookie.value && cookie.value.encoding === 'uri',
    declaration: `${dataLiteral({
      id: cookie.id,
      name: cookie.name.pattern,
      category: cookie.category,
      maxAge,
      setBy: cookie.setBy,
      ...(cookie.retired !== undefined && { retired: cookie.retired }),
      attributes: {
        path: attributes.path,
        domain: attributes.domain,
        secure: attributes.secure,
        httpOnly: attributes.httpOnly,
        sameSite: attributes.sameSite,
        partitioned: attributes.partitioned,
      },
    })} as const`,
    buildName,
    deletion: (finish) =>
      params
        ? [...buildName(), finish(`name + ${stringLiteral(`=${deleteAttributeText}`)}`)]
        : [finish(stringLiteral(`${cookie.name.pattern}=${deleteAttributeText}`))],
    serialize: (finish = (setCookie) => `return ${setCookie};`) => [
      ...(params || value.usesName ? buildName() : []),
      ...value.encode(fail),
      finish(
        params || value.usesName
          ? `name + '=' + encoded + ${stringLiteral(attributeText)}`
          : `${stringLiteral(`${cookie.name.pattern}=`)} + encoded + ${stringLiteral(attributeText)}`,
      ),
    ],
  };
}

/**
 * What the server module says first about a cookie: its declaration constant, then what
 * {@link typeStatements} gives every module.
 */
export function declarationStatements(
  code: CookieCode,
  initializerSuffix = '',
): (StatementStructures | string)[] {
  const retired =
    code.retiredNote === undefined
      ? ''
      : `\n\n${code.retiredNote(`of its code only {@link delete${code.pascal}}`)}`;
  return [
    // Written as text, as ts-morph would print it: as a structure, its long initializer went
    // through ts-morph's writer twice (printed apart, then copied in). The output is identical.
    `${jsDoc(`What the catalog declares for ${code.shown}.\n\n${code.about}${retired}`)}\nexport const ${code.camel}Cookie = ${code.declaration}${initializerSuffix};`,
    ...(code.retiredNote === undefined ? typeStatements(code) : nameTypeStatements(code)),
  ];
}

/**
 * What a retired cookie's deleter needs beside it: the type of its name's parameters and their
 * compiled checks. No value type: nothing sets or reads a value any more.
 */
export function nameTypeStatements(code: CookieCode): (StatementStructures | string)[] {
  if (!code.params) return [];
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: code.paramsType,
      type: code.params.type,
    },
    ...code.params.constants,
  ];
}

/**
 * A cookie's value type (and name-parameter type) and the compiled checks its functions share.
 * The client module has only these: its declaration constant would be data a browser bundle
 * carries for nothing (the server package exports it).
 */
export function typeStatements(code: CookieCode): (StatementStructures | string)[] {
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: code.valueType,
      type: code.value.type,
    },
    ...(code.params
      ? [
          {
            kind: StructureKind.TypeAlias,
            isExported: true,
            name: code.paramsType,
            type: code.params.type,
          } as const,
        ]
      : []),
    ...code.value.constants,
    ...(code.params?.constants ?? []),
  ];
}

function retiredNote(cookie: FirstPartyCookie): CookieCode['retiredNote'] {
  const { retired, lifetime } = cookie;
  if (retired === undefined) return undefined;
  const until =
    lifetime.kind === 'duration'
      ? `its lifetime (${lifetime.amount} ${lifetime.unit}${lifetime.amount === 1 ? '' : 's'}) has run out`
      : 'their session ends';
  return (remains) =>
    `Retired since ${retired}: the catalog no longer sets it, but browsers may keep it until ${until}, so ${remains} remains until the catalog removes the entry.`;
}

function lifetimeWords(lifetime: Lifetime): string {
  if (lifetime.kind !== 'duration') return 'a session cookie';
  return `${lifetime.amount} ${lifetime.unit}${lifetime.amount === 1 ? '' : 's'}, Max-Age=${lifetime.seconds}`;
}

/**
 * `parseX(text)` for a value with a pattern: the text typed as checked (the branded value type
 * setters take), or undefined. Nothing for other values, whose types say all there is.
 */
export function parseStatements(code: CookieCode): StatementStructures[] {
  const { parse } = code.value;
  if (!parse) return [];
  return [
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `parse${code.pascal}`,
      docs: [
        `Checks \`text\` against what the catalog declares for ${code.shown}'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws.`,
      ],
      parameters: [{ name: 'text', type: 'string' }],
      returnType: `${code.valueType} | undefined`,
      statements: [...parse],
    },
  ];
}

/** A JSDoc comment, line for line as ts-morph prints `docs` (an empty line is a lone star). */
function jsDoc(text: string): string {
  const lines = text.split('\n').map((line) => (line === '' ? ' *' : ` * ${line}`));
  return `/**\n${lines.join('\n')}\n */`;
}
