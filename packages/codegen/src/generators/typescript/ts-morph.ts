import { createRequire } from 'node:module';

/**
 * ts-morph's values, loaded with `require`. ts-morph is CommonJS with TypeScript inside; imported
 * from an ES module, Node first scans it (and what it re-exports) for export names, which costs
 * `generate` 50–100 ms on every run. Types still come from `import type … from 'ts-morph'`.
 */
const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');

export const { printStructure, StructureKind, VariableDeclarationKind } = tsMorph;
