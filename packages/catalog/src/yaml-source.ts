import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  visit,
  type YAMLMap,
} from 'yaml';
import { createProblem, type Problem, type SourcePosition } from './problem.js';
import { explainDashWithoutSpace, explainSyntaxErrors } from './yaml-syntax.js';

/** Mapping keys that would reach `Object.prototype` or a constructor if a consumer were careless. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** The deepest nesting a catalog file needs is about six; anything far deeper is an attack. */
const MAX_DEPTH = 16;

export type SourcePath = readonly (string | number)[];

/** A YAML file parsed safely, with a way back from a data path to a line and column. */
export interface YamlSource {
  readonly file: string;
  readonly text: string;
  /** The plain data, or undefined when the file could not be read safely. */
  readonly data: unknown;
  readonly problems: readonly Problem[];
  /** Position of the value at `path`; with `key: true`, of its key. Falls back to the nearest parent. */
  locate(path: SourcePath, options?: { key?: boolean }): SourcePosition;
  /** Position of a character offset in the file. */
  positionOf(offset: number): SourcePosition;
}

/**
 * Parses one catalog file as YAML 1.2 (core schema), refusing everything that makes YAML unsafe
 * or ambiguous: aliases, merge keys, tags, directives, duplicate keys, several documents,
 * prototype keys and deep nesting. Each refusal is a problem with its own position; the data
 * is returned only when there are none.
 */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const problems: Problem[] = [];
  const positionOf = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { file, line, column: col };
  };
  const refuse = (problem: Problem): YamlSource => ({
    file,
    text,
    data: undefined,
    problems: [...problems, problem],
    locate: () => problem,
    positionOf,
  });

  // Parse to the concrete syntax tree once: directives and nesting depth are judged there,
  // before composing, because composing a few thousand nested collections overflows the stack.
  let tokens: Token[];
  try {
    tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return refuse(
      createProblem(
        'yaml/too-deep',
        positionOf(0),
        `the file is nested far deeper than a catalog file ever is (more than ${MAX_DEPTH} levels)`,
        'flatten the structure',
      ),
    );
  }
  for (const token of tokens) {
    if (token.type === 'directive') {
      problems.push(
        createProblem(
          'yaml/directive',
          positionOf(token.offset),
          `the directive "${token.source.trim()}" is not allowed; catalog files are always YAML 1.2`,
          'delete this line',
        ),
      );
    }
  }
  const tooDeep = firstTooDeep(tokens);
  if (tooDeep !== undefined) {
    return refuse(
      createProblem(
        'yaml/too-deep',
        positionOf(tooDeep),
        `this value is nested ${MAX_DEPTH + 1} levels deep; catalog files never need more than ${MAX_DEPTH}`,
        'flatten the structure',
      ),
    );
  }

  // Duplicate keys are found below in one pass over each mapping: the library's own check
  // compares every key with every other (40,000 keys took 74 s).
  const docs = [
    ...new Composer({
      version: '1.2',
      schema: 'core',
      merge: false,
      uniqueKeys: false,
      strict: true,
      prettyErrors: false,
    }).compose(tokens, true, text.length),
  ];

  const doc = docs[0];
  const locate = (path: SourcePath, options: { key?: boolean } = {}): SourcePosition =>
    doc ? positionOf(offsetOf(doc, path, options.key ?? false)) : positionOf(0);

  for (const extra of docs.slice(1)) {
    problems.push(
      createProblem(
        'yaml/multiple-documents',
        positionOf(extra.range[0]),
        'a second YAML document starts here; a catalog file holds exactly one',
        'remove the "---" line and everything after it, or move it to its own file',
      ),
    );
  }
  if (!doc || doc.contents === null) {
    if (problems.length === 0) {
      problems.push(
        createProblem('yaml/empty', positionOf(0), 'the file is empty', 'fill it in or delete it'),
      );
    }
    return { file, text, data: undefined, problems, locate, positionOf };
  }

  // After the first syntax error the rest are usually its echoes: report one, at the line of
  // the mistake, explained (the parser reports where it gave up, often lines later).
  const explained = explainSyntaxErrors(doc.errors, text);
  if (explained) {
    problems.push(
      createProblem('yaml/syntax', positionOf(explained.offset), explained.message, explained.fix),
    );
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') continue; // reported as yaml/tag below
    problems.push(
      createProblem(
        'yaml/syntax',
        positionOf(warning.pos[0]),
        firstLine(warning.message),
        'check this line',
      ),
    );
  }

  checkNodes(doc, text, positionOf, problems);

  const data = problems.length === 0 ? doc.toJS({ maxAliasCount: 0 }) : undefined;
  return { file, text, data, problems, locate, positionOf };
}

function checkNodes(
  doc: Document,
  text: string,
  positionOf: (offset: number) => SourcePosition,
  problems: Problem[],
): void {
  const visitor = {
    Map(_key: unknown, map: YamlMap) {
      // Keys become property names, so `1` and "1" are the same key.
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          problems.push(
            createProblem(
              'yaml/duplicate-key',
              positionOf(pair.key.range?.[0] ?? 0),
              `the key "${key}" appears twice in the same mapping`,
              'keep one of the two; YAML would silently use only one of them',
            ),
          );
        }
        seen.add(key);
      }
      // A specific visitor replaces Node for its kind (yaml's visit): a mapping's own anchor or
      // tag (`a: !custom {b: 1}`) is checked here, or it would pass unseen.
      return visitor.Node(_key, map);
    },
    Node(_key: unknown, node: Node) {
      const start = node.range?.[0] ?? 0;
      const at = positionOf(start);
      // `-en` under a key is read as the text "-en", not an error: legal meant `- en`. (After a
      // syntax error, that error is the one reported.)
      if (
        doc.errors.length === 0 &&
        isScalar(node) &&
        node.type === 'PLAIN' &&
        String(node.value).startsWith('-')
      ) {
        const dash = explainDashWithoutSpace(text, start);
        if (dash) {
          problems.push(
            createProblem('yaml/syntax', positionOf(dash.offset), dash.message, dash.fix),
          );
        }
      }
      if (isAlias(node)) {
        problems.push(
          createProblem(
            'yaml/alias',
            at,
            `the alias "*${node.source}" is not allowed`,
            'write the value out in full; catalog files may not use anchors (&) or aliases (*)',
          ),
        );
        return;
      }
      if (node.anchor) {
        problems.push(
          createProblem(
            'yaml/alias',
            positionOf(text.lastIndexOf(`&${node.anchor}`, start)),
            `the anchor "&${node.anchor}" is not allowed`,
            'remove the anchor; catalog files may not use anchors (&) or aliases (*)',
          ),
        );
      }
      if (node.tag) {
        problems.push(
          createProblem(
            'yaml/tag',
            positionOf(tagStart(text, start)),
            `the tag "${node.tag}" is not allowed`,
            'remove the tag; write plain values, quoted if they must stay text',
          ),
        );
      }
      return undefined;
    },
    Pair(_key: unknown, pair: Pair) {
      if (!isScalar(pair.key)) {
        if (pair.key !== null) {
          problems.push(
            createProblem(
              'yaml/syntax',
              positionOf((pair.key as Node).range?.[0] ?? 0),
              'a key must be plain text, not a list or mapping',
              'write the key as a single word',
            ),
          );
        }
        return;
      }
      const key = String(pair.key.value);
      const at = positionOf(pair.key.range?.[0] ?? 0);
      if (key === '<<') {
        problems.push(
          createProblem(
            'yaml/merge-key',
            at,
            'the merge key "<<" is not allowed',
            'write out the keys you meant to merge',
          ),
        );
      } else if (RESERVED_KEYS.has(key)) {
        problems.push(
          createProblem(
            'yaml/reserved-key',
            at,
            `the key "${key}" is not allowed`,
            'remove it; it is never a catalog field',
          ),
        );
      }
    },
  };
  visit(doc, visitor);
}

type Token = CST.Token;
type YamlMap = YAMLMap<unknown, unknown>;

const pairIndexes = new WeakMap<YamlMap, Map<unknown, Pair>>();

/** A mapping's pairs by key, built once per mapping, so locating thousands of problems stays linear. */
function pairsByKey(map: YamlMap): Map<unknown, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (isScalar(item.key) && !index.has(item.key.value)) index.set(item.key.value, item as Pair);
    }
    pairIndexes.set(map, index);
  }
  return index;
}

/**
 * The offset of the first collection nested deeper than MAX_DEPTH, walking the syntax tree with
 * an explicit stack (recursion is what overflows on hostile input).
 */
function firstTooDeep(tokens: readonly Token[]): number | undefined {
  const stack: { token: Token | undefined; depth: number }[] = tokens.map((token) => ({
    token,
    depth: 0,
  }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop() ?? { token: undefined, depth: 0 };
    if (!token) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth });
      continue;
    }
    if (
      token.type === 'block-map' ||
      token.type === 'block-seq' ||
      token.type === 'flow-collection'
    ) {
      if (depth >= MAX_DEPTH) return token.offset;
      for (const item of token.items) {
        const key = 'key' in item ? item.key : undefined;
        stack.push(
          { token: key ?? undefined, depth: depth + 1 },
          { token: item.value, depth: depth + 1 },
        );
      }
    }
  }
  return undefined;
}

/** The start offset of the node at `path` (or its key), or of the nearest ancestor that exists. */
function offsetOf(doc: Document, path: SourcePath, wantKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = pairsByKey(node).get(segment);
      if (!pair) return offset;
      if (last && wantKey) return (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
      const start = (pair.value as Node | null)?.range?.[0];
      // A key with no value (`purpose:`) points at the key itself.
      offset = start ?? (pair.key as Node).range?.[0] ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Where the tag written before the value at `valueStart` begins (`!!str`, `!custom`). */
function tagStart(text: string, valueStart: number): number {
  let index = text.lastIndexOf('!', valueStart);
  while (index > 0 && !/[\s[\]{},]/.test(text[index - 1] ?? ' ')) index--;
  return index;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+.*$/, '');
}
