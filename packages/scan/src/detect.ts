import {
  type CallExpression,
  type Expression,
  type Identifier,
  type NewExpression,
  Node,
  type ObjectLiteralExpression,
  type SourceFile,
  SyntaxKind,
  ts,
  VariableDeclarationKind,
} from 'ts-morph';

/*
 * Finds every place a program touches cookies or browser storage by hand, syntactically and
 * through the type checker's symbols (aliases, imports, re-exports, constants). What each call
 * names is resolved as far as the program text allows: a literal, a constant, a template literal
 * whose parts are constants, or a shape with holes (`_ga_${id}`).
 */

export type Store = 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB';
export type Access = 'write' | 'read' | 'delete';
/** Literal parts of a name, `null` where a part is not known before run time. */
export type NameShape = readonly (string | null)[];

export interface StorageCall {
  /** The node, for positions and suppression comments. */
  readonly node: Node;
  readonly store: Store;
  readonly access: Access;
  /** How it was done, for people: `document.cookie`, `res.setHeader('Set-Cookie')`, … */
  readonly api: string;
  /** The cookie or key named; undefined when the call names none (reading every cookie). */
  readonly name: NameShape | undefined;
}

const MAX_DEPTH = 8;

/**
 * What the program's own syntax says about the platform's globals, gathered while the files are
 * read (no type checker): which of their names the program declares itself, the consts that may
 * be an alias of one (`const d = document`), and the names a destructured `cookies` is bound to.
 * Asking these first spares the checker (binding a 5 MB bundle is a second) for the questions
 * whose answer is plainly no; a yes is still confirmed through the checker's symbols.
 */
export interface GlobalSurvey {
  readonly declared: Set<string>;
  /** Each const's name, and what its initializer ends in: `document` for `window.document`. */
  readonly aliases: Map<string, Set<string>>;
  readonly cookieBindings: Set<string>;
}

const GLOBAL_NAMES = new Set([
  'document',
  'window',
  'globalThis',
  'self',
  'localStorage',
  'sessionStorage',
  'cookieStore',
  'indexedDB',
  'Cookies',
]);

const surveys = new WeakMap<object, GlobalSurvey>();

/** The survey of a project (ts-morph's Project), made empty on first use. */
export function surveyOf(project: object): GlobalSurvey {
  let survey = surveys.get(project);
  if (!survey) {
    survey = { declared: new Set(), aliases: new Map(), cookieBindings: new Set() };
    surveys.set(project, survey);
  }
  return survey;
}

function surveyNode(node: ts.Node, survey: GlobalSurvey): void {
  if (
    (ts.isVariableDeclaration(node) ||
      ts.isParameter(node) ||
      ts.isBindingElement(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isImportSpecifier(node) ||
      ts.isImportClause(node) ||
      ts.isNamespaceImport(node)) &&
    node.name &&
    ts.isIdentifier(node.name) &&
    GLOBAL_NAMES.has(node.name.text)
  )
    survey.declared.add(node.name.text);
  if (
    ts.isVariableDeclaration(node) &&
    ts.isIdentifier(node.name) &&
    node.initializer &&
    (ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const) !== 0
  ) {
    const leaf = leafOf(node.initializer);
    if (leaf !== undefined) {
      const leaves = survey.aliases.get(node.name.text);
      if (leaves) leaves.add(leaf);
      else survey.aliases.set(node.name.text, new Set([leaf]));
    }
  }
  if (ts.isBindingElement(node) && ts.isIdentifier(node.name)) {
    const property = node.propertyName;
    const key = property && ts.isIdentifier(property) ? property.text : node.name.text;
    if (key === 'cookies') survey.cookieBindings.add(node.name.text);
  }
}

/**
 * How deep a file's syntax nests (walked with a stack; counting stops past `limit`), noting in
 * the survey what it declares on the way.
 */
export function surveyFile(
  root: ts.SourceFile,
  limit: number,
  survey: GlobalSurvey,
  found: ts.Node[] = [],
): number {
  const imported = importedNames(root);
  importsOf.set(root, imported);
  candidates.set(root, found);
  let deepest = 0;
  const nodes: ts.Node[] = [root];
  const depths: number[] = [0];
  let depth = 0;
  const push = (child: ts.Node) => {
    nodes.push(child);
    depths.push(depth + 1);
  };
  while (nodes.length > 0) {
    const node = nodes.pop() as ts.Node;
    depth = depths.pop() as number;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    surveyNode(node, survey);
    if (isCandidate(node, imported)) found.push(node);
    // Children pushed, then turned round, so that they come off the stack in file order.
    const first = nodes.length;
    ts.forEachChild(node, push);
    for (let i = first, j = nodes.length - 1; i < j; i++, j--) {
      const node = nodes[i] as ts.Node;
      nodes[i] = nodes[j] as ts.Node;
      nodes[j] = node;
    }
  }
  return deepest;
}

/**
 * Every storage call in a file, in file order. The walk is over the compiler's own nodes, with a
 * stack instead of recursion (no nesting can overflow it), and only the few nodes that can be a
 * storage access are wrapped in ts-morph's nodes: wrapping every node made ts-morph parse the
 * comments around each one, which on a minified file (one line, 100,000 statements) was quadratic.
 */
export function findStorageCalls(file: SourceFile): StorageCall[] {
  const calls: StorageCall[] = [];
  const wrap = (node: ts.Node): Node =>
    (file as unknown as Wrapping)._getNodeFromCompilerNode(node);
  const survey = surveyOf(file.getProject());
  let nodes = candidates.get(file.compilerNode);
  if (!nodes) {
    nodes = [];
    surveyFile(file.compilerNode, Number.POSITIVE_INFINITY, survey, nodes);
  }
  for (const node of nodes) {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (mayBeMemberAccess(node, survey)) {
        const wrapped = wrap(node);
        documentCookie(wrapped, calls);
        storageProperty(wrapped, calls);
      }
    } else if (ts.isCallExpression(node)) {
      callExpression(wrap(node) as CallExpression, calls);
    } else if (ts.isNewExpression(node)) {
      newExpression(wrap(node) as NewExpression, calls);
    }
  }
  return calls;
}

/** Each surveyed file's candidates: the nodes findStorageCalls looks at, in file order. */
const candidates = new WeakMap<ts.SourceFile, ts.Node[]>();

/** Could this node be a storage access, by its syntax alone (the survey decides the rest)? */
function isCandidate(node: ts.Node, imported: ReadonlySet<string>): boolean {
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const parent = node.parent;
    if (
      (ts.isBinaryExpression(parent) &&
        parent.left === node &&
        (parent.operatorToken.kind === SyntaxKind.EqualsToken ||
          parent.operatorToken.kind === SyntaxKind.PlusEqualsToken)) ||
      ts.isDeleteExpression(parent)
    )
      return true;
    if (ts.isPropertyAccessExpression(node)) return node.name.text === 'cookie';
    const key = node.argumentExpression;
    return ts.isStringLiteralLike(key) ? key.text === 'cookie' : !ts.isNumericLiteral(key);
  }
  if (ts.isCallExpression(node)) return mayBeCall(node, imported);
  if (ts.isNewExpression(node))
    return ts.isIdentifier(node.expression) && NEW_CALLEES.has(node.expression.text);
  return false;
}

/** ts-morph's own way from a compiler node to its node (the one its methods use). */
interface Wrapping {
  _getNodeFromCompilerNode(node: ts.Node): Node;
}

const NEW_CALLEES = new Set(['Headers', 'Response', 'NextResponse']);

/** Every method name `callExpression` looks at: any other call is not a storage access. */
const CALL_METHODS = new Set([
  // cookieStore, storage, indexedDB, js-cookie, framework cookie stores, the cookie package
  'set',
  'get',
  'getAll',
  'has',
  'delete',
  'remove',
  'setItem',
  'getItem',
  'removeItem',
  'clear',
  'open',
  'deleteDatabase',
  'serialize',
  'stringifySetCookie',
  'parse',
  'parseCookie',
  // Set-Cookie headers
  'setHeader',
  'appendHeader',
  'append',
  'header',
  'headers',
  'writeHead',
  ...['text', 'json', 'html', 'body', 'newResponse', 'redirect'],
  // Express, Fastify
  'cookie',
  'setCookie',
  'clearCookie',
]);

function mayBeCall(node: ts.CallExpression, imported: ReadonlySet<string>): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return imported.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && CALL_METHODS.has(callee.name.text);
}

/**
 * `document.cookie` (or `x[k]` with a computed key on what may be `document`), or a member of what
 * may be a storage, assigned to or deleted: asked of the compiler's nodes, so that the common
 * `a.b = c` of any program costs a name lookup, not ts-morph's wrapping of the node and its
 * ancestors. Errs towards yes; the wrapped node's questions decide.
 */
function mayBeMemberAccess(
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  survey: GlobalSurvey,
): boolean {
  const parent = node.parent;
  const written =
    (ts.isBinaryExpression(parent) &&
      parent.left === node &&
      (parent.operatorToken.kind === SyntaxKind.EqualsToken ||
        parent.operatorToken.kind === SyntaxKind.PlusEqualsToken)) ||
    ts.isDeleteExpression(parent);
  if (written && mayBeGlobal(node.expression, STORAGES, survey, 0)) return true;
  let cookie: boolean;
  if (ts.isPropertyAccessExpression(node)) cookie = node.name.text === 'cookie';
  else {
    const key = node.argumentExpression;
    cookie = ts.isStringLiteralLike(key) ? key.text === 'cookie' : !ts.isNumericLiteral(key);
  }
  return cookie && mayBeGlobal(node.expression, ['document'], survey, 0);
}

const STORAGES = ['localStorage', 'sessionStorage'];

/** What `isGlobal` may say yes to, from the syntax: a name, a member, a const that may alias one. */
/**
 * What an initializer ends in: a name (`d` of `const x = d`), a member (`document` of
 * `window.document`), `*` for a computed one, `()` for a call (`await cookies()`); undefined for
 * anything else (a literal, an object, a function), which is no alias of a global.
 */
function leafOf(expression: ts.Expression): string | undefined {
  let inner = expression;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isNonNullExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isSatisfiesExpression(inner) ||
    ts.isAwaitExpression(inner)
  )
    inner = inner.expression;
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text;
  if (ts.isElementAccessExpression(inner)) {
    const key = inner.argumentExpression;
    return ts.isStringLiteralLike(key) ? key.text : '*';
  }
  if (ts.isCallExpression(inner)) return '()';
  return undefined;
}

function mayBeGlobal(
  expression: ts.Expression,
  names: readonly string[],
  survey: GlobalSurvey,
  depth: number,
): boolean {
  if (depth > MAX_DEPTH) return false;
  if (
    ts.isParenthesizedExpression(expression) ||
    ts.isNonNullExpression(expression) ||
    ts.isAsExpression(expression)
  )
    return mayBeGlobal(expression.expression, names, survey, depth + 1);
  if (ts.isPropertyAccessExpression(expression)) return names.includes(expression.name.text);
  if (ts.isElementAccessExpression(expression)) {
    const key = expression.argumentExpression;
    return !ts.isStringLiteralLike(key) || names.includes(key.text);
  }
  if (!ts.isIdentifier(expression)) return false;
  // Through consts, by name: each name once, whatever the number of consts that share it.
  const seen = new Set<string>();
  const queue = [expression.text];
  while (queue.length > 0 && seen.size <= 64) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    if (name === '*' || names.includes(name)) return true;
    for (const leaf of survey.aliases.get(name) ?? []) queue.push(leaf);
  }
  return false;
}

/** The local names a file's imports bind: only they can name a library's function. */
function importedNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const clause = statement.importClause;
    if (!clause) continue;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

/** The member name of `a.b` or `a['b']`, when it is known. */
function memberName(node: Node): string | undefined {
  if (Node.isPropertyAccessExpression(node)) return node.getName();
  if (Node.isElementAccessExpression(node)) {
    const shape = stringShape(node.getArgumentExpressionOrThrow());
    return shape.length === 1 && typeof shape[0] === 'string' ? shape[0] : undefined;
  }
  return undefined;
}

function receiverOf(node: Node): Expression | undefined {
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node))
    return node.getExpression();
  return undefined;
}

/** `x = …` or `x += …` with `node` on the left. */
function assignedValue(node: Node): Expression | undefined {
  const parent = node.getParent();
  if (
    Node.isBinaryExpression(parent) &&
    parent.getLeft() === node &&
    [SyntaxKind.EqualsToken, SyntaxKind.PlusEqualsToken].includes(
      parent.getOperatorToken().getKind(),
    )
  )
    return parent.getRight();
  return undefined;
}

function documentCookie(node: Node, calls: StorageCall[]): void {
  const receiver = receiverOf(node);
  // The receiver first: `e[t]` is everywhere in minified code, and its key is the dearer question.
  if (!receiver || !isGlobal(receiver, ['document'])) return;
  if (memberName(node) !== 'cookie') return;
  const value = assignedValue(node);
  if (value) {
    calls.push({
      node,
      store: 'cookie',
      access: /max-age=0|expires=thu, 01 jan 1970/i.test(value.getText()) ? 'delete' : 'write',
      api: 'document.cookie =',
      name: setCookieName(stringShape(value)),
    });
  } else {
    calls.push({ node, store: 'cookie', access: 'read', api: 'document.cookie', name: undefined });
  }
}

const STORAGE_METHODS = new Set(['setItem', 'getItem', 'removeItem', 'clear', 'key', 'length']);

function storageProperty(node: Node, calls: StorageCall[]): void {
  const receiver = receiverOf(node);
  if (!receiver) return;
  const store = storageStore(receiver);
  if (!store) return;
  const parent = node.getParent();
  if (Node.isCallExpression(parent) && parent.getExpression() === node) return; // a method call
  const name = memberName(node);
  if (name !== undefined && STORAGE_METHODS.has(name)) return;
  const key: NameShape = name !== undefined ? [name] : elementShape(node);
  if (assignedValue(node)) {
    calls.push({ node, store, access: 'write', api: `${store}.<key> =`, name: key });
  } else if (Node.isDeleteExpression(parent)) {
    calls.push({ node, store, access: 'delete', api: `delete ${store}.<key>`, name: key });
  }
}

function elementShape(node: Node): NameShape {
  return Node.isElementAccessExpression(node)
    ? stringShape(node.getArgumentExpressionOrThrow())
    : [null];
}

function storageStore(receiver: Expression): 'localStorage' | 'sessionStorage' | undefined {
  if (isGlobal(receiver, ['localStorage'])) return 'localStorage';
  if (isGlobal(receiver, ['sessionStorage'])) return 'sessionStorage';
  return undefined;
}

function callExpression(call: CallExpression, calls: StorageCall[]): void {
  const callee = call.getExpression();
  const args = call.getArguments() as Expression[];
  const push = (
    store: Store,
    access: Access,
    api: string,
    name: NameShape | undefined,
    at: Node = call,
  ) => calls.push({ node: at, store, access, api, name });
  const nameArg = (index: number) => {
    const arg = args[index];
    if (!arg) return undefined;
    if (Node.isObjectLiteralExpression(arg)) return propertyShape(arg, 'name');
    return stringShape(arg);
  };

  if (Node.isIdentifier(callee)) {
    const origin = originOf(callee);
    if (!origin) return;
    if (origin.module === 'hono/cookie') {
      const access = accessOf(origin.name, {
        set: ['setCookie', 'setSignedCookie'],
        get: ['getCookie', 'getSignedCookie'],
        del: ['deleteCookie'],
      });
      if (access) push('cookie', access, `hono ${origin.name}()`, nameArg(1));
    } else if (origin.module === 'cookie') {
      cookieLibrary(origin.name, args, push);
    }
    return;
  }
  if (!Node.isPropertyAccessExpression(callee)) return;
  const method = callee.getName();
  const receiver = callee.getExpression();

  // document / CookieStore / storage / IndexedDB
  if (isGlobal(receiver, ['cookieStore'])) {
    const access = accessOf(method, { set: ['set'], get: ['get', 'getAll'], del: ['delete'] });
    if (access)
      push('cookie', access, `cookieStore.${method}()`, args.length ? nameArg(0) : undefined);
    return;
  }
  const store = storageStore(receiver);
  if (store) {
    const access = accessOf(method, {
      set: ['setItem'],
      get: ['getItem'],
      del: ['removeItem', 'clear'],
    });
    if (access)
      push(store, access, `${store}.${method}()`, method === 'clear' ? undefined : nameArg(0));
    return;
  }
  if (isGlobal(receiver, ['indexedDB'])) {
    const access = accessOf(method, { set: ['open'], get: [], del: ['deleteDatabase'] });
    if (access) push('indexedDB', access, `indexedDB.${method}()`, nameArg(0));
    return;
  }

  // Set-Cookie headers: res.setHeader/appendHeader (Node), headers.append/set (fetch), res.set and
  // res.header (Express), reply.header (Fastify), c.header (Hono)
  const pushValues = (values: readonly Expression[], api: string) => {
    for (const value of values)
      push(
        'cookie',
        deletes(value) ? 'delete' : 'write',
        api,
        setCookieName(stringShape(value)),
        value,
      );
    return values.length > 0;
  };
  if (HEADER_SETTERS.has(method) && args.length >= 2) {
    const header = stringShape(args[0] as Expression);
    if (header.length === 1 && header[0]?.toLowerCase() === 'set-cookie') {
      pushValues(headerValues(args[1] as Expression), `${method}('Set-Cookie')`);
      return;
    }
  }
  // res.set({ 'Set-Cookie': … }) (Express), reply.headers({ … }) (Fastify)
  if (HEADERS_SETTERS.has(method) && args.length === 1 && args[0]) {
    if (pushValues(setCookieInHeaders(args[0]), `${method}({ 'Set-Cookie' })`)) return;
  }
  // res.writeHead(200, { … }) (Node), c.text(body, 200, { … }) or c.json(body, { headers }) (Hono)
  if (method === 'writeHead' || RESPONDERS.has(method)) {
    const values = args.slice(1).flatMap((arg) => {
      const headers = Node.isObjectLiteralExpression(arg)
        ? propertyValue(arg, 'headers')
        : undefined;
      return [...setCookieInHeaders(arg), ...(headers ? setCookieInHeaders(headers) : [])];
    });
    if (pushValues(values, `${method}(…, { 'Set-Cookie' })`) || method === 'writeHead') return;
  }

  // Modules by origin: js-cookie, cookie
  const receiverOrigin = Node.isIdentifier(receiver) ? originOf(receiver) : undefined;
  if (
    receiverOrigin?.module === 'js-cookie' ||
    (!receiverOrigin &&
      Node.isIdentifier(receiver) &&
      receiver.getText() === 'Cookies' &&
      isUndeclared(receiver))
  ) {
    const access = accessOf(method, { set: ['set'], get: ['get'], del: ['remove'] });
    if (access)
      push('cookie', access, `js-cookie Cookies.${method}()`, args.length ? nameArg(0) : undefined);
    return;
  }
  if (receiverOrigin?.module === 'cookie') {
    cookieLibrary(method, args, push);
    return;
  }

  // Framework cookie stores: ctx.cookies (Koa), response.cookies (Next.js), cookies() (Next.js)
  // and a destructured `({ cookies }) => cookies.set(…)` (SvelteKit, Astro, Remix loaders)
  const destructured = isDestructuredCookies(receiver);
  const frameworkStore =
    (Node.isPropertyAccessExpression(receiver) && receiver.getName() === 'cookies') ||
    destructured ||
    isNextCookies(receiver);
  if (frameworkStore) {
    const access = accessOf(method, {
      set: ['set'],
      get: ['get', 'getAll', 'has'],
      del: ['delete'],
    });
    if (access)
      push(
        'cookie',
        access,
        `${Node.isPropertyAccessExpression(receiver) ? '….cookies' : destructured ? '{ cookies }' : 'cookies()'}.${method}()`,
        args.length ? nameArg(0) : undefined,
      );
    return;
  }

  // Express res.cookie/clearCookie, Fastify reply.setCookie/clearCookie
  if (
    ['cookie', 'setCookie', 'clearCookie'].includes(method) &&
    args.length >= 1 &&
    !isGlobal(receiver, ['document'])
  ) {
    push(
      'cookie',
      method === 'clearCookie' ? 'delete' : 'write',
      `${receiver.getText().slice(0, 20)}.${method}()`,
      nameArg(0),
    );
  }
}

const HEADER_SETTERS = new Set(['setHeader', 'appendHeader', 'append', 'set', 'header']);
const HEADERS_SETTERS = new Set(['set', 'header', 'headers']);
/** Hono's context: c.text(body, status, headers), c.json(body, { status, headers }), … */
const RESPONDERS = new Set(['text', 'json', 'html', 'body', 'newResponse', 'redirect']);

/** A `cookies` taken out of an object: `({ cookies }) => …` or `const { cookies: c } = event`. */
function isDestructuredCookies(receiver: Expression): boolean {
  if (!Node.isIdentifier(receiver)) return false;
  if (!surveyOf(receiver.getProject()).cookieBindings.has(receiver.getText())) return false;
  return (receiver.getSymbol()?.getDeclarations() ?? []).some(
    (d) =>
      Node.isBindingElement(d) &&
      (d.getPropertyNameNode()?.getText() ?? d.getName()) === 'cookies' &&
      Node.isObjectBindingPattern(d.getParent()),
  );
}

function cookieLibrary(
  name: string,
  args: readonly Expression[],
  push: (store: Store, access: Access, api: string, name: NameShape | undefined) => void,
): void {
  if (name === 'serialize' && args[0])
    push('cookie', 'write', 'cookie serialize()', stringShape(args[0]));
  else if (name === 'stringifySetCookie' && args[0]) {
    const arg = args[0];
    push(
      'cookie',
      'write',
      'cookie stringifySetCookie()',
      Node.isObjectLiteralExpression(arg) ? propertyShape(arg, 'name') : stringShape(arg),
    );
  } else if (['parse', 'parseCookie'].includes(name))
    push('cookie', 'read', `cookie ${name}()`, undefined);
}

function accessOf(
  method: string,
  table: { set: readonly string[]; get: readonly string[]; del: readonly string[] },
): Access | undefined {
  if (table.set.includes(method)) return 'write';
  if (table.get.includes(method)) return 'read';
  if (table.del.includes(method)) return 'delete';
  return undefined;
}

function newExpression(node: NewExpression, calls: StorageCall[]): void {
  const callee = node.getExpression().getText();
  const args = (node.getArguments() ?? []) as Expression[];
  let headers: Expression | undefined;
  if (callee === 'Headers') headers = args[0];
  else if (
    /^(Response|NextResponse)$/.test(callee) &&
    args[1] &&
    Node.isObjectLiteralExpression(args[1])
  ) {
    headers = propertyValue(args[1], 'headers');
  }
  if (!headers) return;
  for (const value of setCookieInHeaders(headers))
    calls.push({
      node: value,
      store: 'cookie',
      access: deletes(value) ? 'delete' : 'write',
      api: `new ${callee}({ 'Set-Cookie' })`,
      name: setCookieName(stringShape(value)),
    });
}

function deletes(value: Expression): boolean {
  return /max-age=0\b|expires=thu, 01 jan 1970/i.test(value.getText());
}

/** Set-Cookie values in a headers object literal or an array of [name, value] pairs. */
function setCookieInHeaders(headers: Node): Expression[] {
  const found: Expression[] = [];
  if (Node.isObjectLiteralExpression(headers)) {
    for (const property of headers.getProperties()) {
      if (!Node.isPropertyAssignment(property)) continue;
      const name = property.getNameNode();
      const key =
        Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)
          ? name.getLiteralText()
          : name.getText();
      const initializer = property.getInitializer();
      if (key.toLowerCase() === 'set-cookie' && initializer)
        found.push(...headerValues(initializer));
    }
  } else if (Node.isArrayLiteralExpression(headers)) {
    for (const pair of headers.getElements()) {
      if (!Node.isArrayLiteralExpression(pair)) continue;
      const [name, value] = pair.getElements() as Expression[];
      const key = name ? stringShape(name) : [];
      if (key.length === 1 && key[0]?.toLowerCase() === 'set-cookie' && value) found.push(value);
    }
  }
  return found;
}

function headerValues(value: Expression): Expression[] {
  return Node.isArrayLiteralExpression(value) ? (value.getElements() as Expression[]) : [value];
}

function propertyValue(object: ObjectLiteralExpression, name: string): Expression | undefined {
  const property = object.getProperty(name);
  if (Node.isPropertyAssignment(property)) return property.getInitializer();
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  return undefined;
}

function propertyShape(object: ObjectLiteralExpression, name: string): NameShape {
  const value = propertyValue(object, name);
  return value ? stringShape(value) : [null];
}

/** The cookie name of a `name=value; attributes` string: the shape up to the first `=`. */
export function setCookieName(shape: NameShape): NameShape {
  const name: (string | null)[] = [];
  for (const part of shape) {
    if (part === null) {
      name.push(null);
      continue;
    }
    const equals = part.indexOf('=');
    if (equals === -1) {
      name.push(part);
      continue;
    }
    name.push(part.slice(0, equals));
    return normalize(name.map((p) => (typeof p === 'string' ? p.trim() : p)));
  }
  return [null];
}

/** What a string expression is, as far as constants tell: literal parts and holes. */
export function stringShape(expression: Expression, depth = 0): NameShape {
  if (depth > MAX_DEPTH) return [null];
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression))
    return [expression.getLiteralText()];
  if (Node.isNumericLiteral(expression)) return [String(expression.getLiteralValue())];
  if (
    Node.isParenthesizedExpression(expression) ||
    Node.isAsExpression(expression) ||
    Node.isSatisfiesExpression(expression) ||
    Node.isNonNullExpression(expression)
  )
    return stringShape(expression.getExpression(), depth + 1);
  if (Node.isTemplateExpression(expression)) {
    const parts: (string | null)[] = [expression.getHead().getLiteralText()];
    for (const span of expression.getTemplateSpans()) {
      parts.push(
        ...stringShape(span.getExpression(), depth + 1),
        span.getLiteral().getLiteralText(),
      );
    }
    return normalize(parts);
  }
  if (
    Node.isBinaryExpression(expression) &&
    expression.getOperatorToken().getKind() === SyntaxKind.PlusToken
  ) {
    return normalize([
      ...stringShape(expression.getLeft(), depth + 1),
      ...stringShape(expression.getRight(), depth + 1),
    ]);
  }
  if (Node.isIdentifier(expression) || Node.isPropertyAccessExpression(expression)) {
    const type = expression.getType();
    if (type.isStringLiteral() || type.isNumberLiteral()) return [String(type.getLiteralValue())];
    if (Node.isIdentifier(expression)) {
      const initializer = constInitializer(expression);
      if (initializer) return stringShape(initializer, depth + 1);
    }
  }
  return [null];
}

function normalize(parts: readonly (string | null)[]): NameShape {
  const out: (string | null)[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part === '') continue;
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else if (part === null && last === null) continue;
    else out.push(part);
  }
  return out.length === 0 ? [''] : out;
}

/** The initializer of a `const` this identifier names, when there is one. */
function constInitializer(identifier: Identifier): Expression | undefined {
  for (const declaration of identifier.getSymbol()?.getDeclarations() ?? []) {
    if (
      Node.isVariableDeclaration(declaration) &&
      declaration.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const
    )
      return declaration.getInitializer();
  }
  return undefined;
}

/**
 * `document`, `window.document`, `globalThis.document`, or a const alias of one of them
 * (`const d = document`), where the name is not something the program declares itself.
 */
export function isGlobal(expression: Expression, names: readonly string[], depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (
    Node.isParenthesizedExpression(expression) ||
    Node.isNonNullExpression(expression) ||
    Node.isAsExpression(expression)
  )
    return isGlobal(expression.getExpression(), names, depth + 1);
  if (Node.isPropertyAccessExpression(expression) || Node.isElementAccessExpression(expression)) {
    // window.document, globalThis.localStorage, window['localStorage']
    const host = expression.getExpression();
    const member = memberName(expression);
    return (
      member !== undefined &&
      names.includes(member) &&
      Node.isIdentifier(host) &&
      ['window', 'globalThis', 'self'].includes(host.getText()) &&
      isUndeclared(host)
    );
  }
  if (!Node.isIdentifier(expression)) return false;
  if (names.includes(expression.getText()) && isUndeclared(expression)) return true;
  // No const of that name anywhere: not an alias, and no need to ask the checker.
  if (!surveyOf(expression.getProject()).aliases.has(expression.getText())) return false;
  const initializer = constInitializer(expression);
  return initializer ? isGlobal(initializer, names, depth + 1) : false;
}

/**
 * Declared nowhere in the program's own files: a global of the platform (or unknown). A script
 * that assigns `document.cookie` at its top level gives `document` an "expando" declaration in
 * JavaScript; that is a use, not a declaration.
 */
function isUndeclared(identifier: Identifier): boolean {
  // A name the program declares nowhere needs no checker to say so.
  const name = identifier.getText();
  if (GLOBAL_NAMES.has(name) && !surveyOf(identifier.getProject()).declared.has(name)) return true;
  const declarations = identifier.getSymbol()?.getDeclarations() ?? [];
  return declarations.every(
    (d) =>
      d.getSourceFile().isDeclarationFile() ||
      !(
        Node.isVariableDeclaration(d) ||
        Node.isParameterDeclaration(d) ||
        Node.isFunctionDeclaration(d) ||
        Node.isClassDeclaration(d) ||
        Node.isBindingElement(d) ||
        Node.isImportSpecifier(d) ||
        Node.isImportClause(d) ||
        Node.isNamespaceImport(d)
      ),
  );
}

function isNextCookies(receiver: Expression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  let inner: Node = receiver;
  while (Node.isAwaitExpression(inner) || Node.isParenthesizedExpression(inner))
    inner = inner.getExpression();
  if (Node.isIdentifier(inner)) {
    // const store = await cookies()
    if (!surveyOf(inner.getProject()).aliases.has(inner.getText())) return false;
    const initializer = constInitializer(inner);
    return initializer ? isNextCookies(initializer, depth + 1) : false;
  }
  if (!Node.isCallExpression(inner)) return false;
  const callee = inner.getExpression();
  return (
    Node.isIdentifier(callee) &&
    originOf(callee)?.module === 'next/headers' &&
    originOf(callee)?.name === 'cookies'
  );
}

export interface Origin {
  readonly module: string;
  /** The exported name; `default` for a default import, `*` for a namespace. */
  readonly name: string;
}

/** Which package export an identifier is, through imports and re-exports across the project. */
export function originOf(identifier: Identifier): Origin | undefined {
  return originOfName(identifier.getSourceFile(), identifier.getText(), 0);
}

/** Each file's imported names, and what each resolved to: asked once per file and name. */
const importsOf = new WeakMap<ts.SourceFile, Set<string>>();
const origins = new WeakMap<ts.SourceFile, Map<string, Origin | undefined>>();

function originOfName(file: SourceFile, local: string, depth: number): Origin | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const compiled = file.compilerNode;
  let imported = importsOf.get(compiled);
  if (!imported) {
    imported = importedNames(compiled);
    importsOf.set(compiled, imported);
  }
  if (!imported.has(local)) return undefined;
  let known = origins.get(compiled);
  if (!known) {
    known = new Map();
    origins.set(compiled, known);
  }
  if (known.has(local)) return known.get(local);
  const origin = importedOrigin(file, local, depth);
  known.set(local, origin);
  return origin;
}

function importedOrigin(file: SourceFile, local: string, depth: number): Origin | undefined {
  for (const declaration of file.getImportDeclarations()) {
    const module = declaration.getModuleSpecifierValue();
    const follow = (name: string): Origin | undefined => {
      if (!module.startsWith('.')) return { module, name };
      const target = declaration.getModuleSpecifierSourceFile();
      return target ? exportOrigin(target, name, depth + 1) : undefined;
    };
    if (declaration.getDefaultImport()?.getText() === local) return follow('default');
    if (declaration.getNamespaceImport()?.getText() === local)
      return module.startsWith('.') ? undefined : { module, name: '*' };
    for (const named of declaration.getNamedImports()) {
      if ((named.getAliasNode()?.getText() ?? named.getName()) === local)
        return follow(named.getName());
    }
  }
  return undefined;
}

function exportOrigin(file: SourceFile, exported: string, depth: number): Origin | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const declaration of file.getExportDeclarations()) {
    const module = declaration.getModuleSpecifierValue();
    for (const named of declaration.getNamedExports()) {
      if ((named.getAliasNode()?.getText() ?? named.getName()) !== exported) continue;
      if (module === undefined) return originOfName(file, named.getName(), depth + 1);
      if (!module.startsWith('.')) return { module, name: named.getName() };
      const target = declaration.getModuleSpecifierSourceFile();
      return target ? exportOrigin(target, named.getName(), depth + 1) : undefined;
    }
    if (declaration.getNamedExports().length === 0 && !declaration.getNamespaceExport() && module) {
      if (!module.startsWith('.')) continue; // `export * from 'pkg'`: cannot tell what it holds
      const target = declaration.getModuleSpecifierSourceFile();
      const found = target ? exportOrigin(target, exported, depth + 1) : undefined;
      if (found) return found;
    }
  }
  // `import { x } from 'm'; export { x }` is handled above; `export const x = …` is our own code.
  return undefined;
}
