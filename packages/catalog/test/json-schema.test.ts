import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogJsonSchemas } from '../src/index.js';
import { FIXTURE_CATALOG, REAL_CATALOG } from './catalog-copy.js';

const schemaDir = new URL('../schema/', import.meta.url);

async function validator(name: string) {
  const schema = JSON.parse(await readFile(new URL(name, schemaDir), 'utf8'));
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

describe('catalog JSON schemas for editors', () => {
  it('are up to date with the zod schema (run `npm run schema -w @cookie-catalog/catalog`)', async () => {
    for (const [name, text] of Object.entries(catalogJsonSchemas())) {
      expect(await readFile(new URL(name, schemaDir), 'utf8'), name).toBe(text);
    }
  });

  it('accept every file of the real catalog, which points its editor at them', async () => {
    const entry = await validator('entry.schema.json');
    const files = await readdir(join(REAL_CATALOG, 'cookies'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await readFile(join(REAL_CATALOG, 'cookies', file), 'utf8');
      expect(text.split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../../packages/catalog/schema/entry.schema.json',
      );
      expect(entry(parse(text)), `${file}: ${JSON.stringify(entry.errors)}`).toBe(true);
    }
    const policy = await validator('policy.schema.json');
    const policyText = await readFile(join(REAL_CATALOG, 'policy.yaml'), 'utf8');
    expect(policyText.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../packages/catalog/schema/policy.schema.json',
    );
    expect(policy(parse(policyText)), JSON.stringify(policy.errors)).toBe(true);
  });

  it('reject a typo such as httponly, and describe every field', async () => {
    const entry = await validator('entry.schema.json');
    const text = await readFile(join(FIXTURE_CATALOG, 'cookies', 'csrftoken.yaml'), 'utf8');
    expect(entry(parse(text.replace('httpOnly: false', 'httponly: false')))).toBe(false);
    expect(entry.errors?.map((e) => e.params)).toContainEqual({ additionalProperty: 'httponly' });
    const schema = JSON.parse(catalogJsonSchemas()['entry.schema.json'] ?? '{}');
    for (const [field, spec] of Object.entries(
      schema.properties as Record<string, { description?: string }>,
    )) {
      expect(spec.description, field).toBeTruthy();
    }
  });
});

describe('FIELDS.md', () => {
  it('is up to date with the zod schema and lists every field', async () => {
    const { catalogFieldReference } = await import('../src/index.js');
    const text = await readFile(new URL('../FIELDS.md', import.meta.url), 'utf8');
    expect(text).toBe(catalogFieldReference());
    for (const field of [
      'attributes.httpOnly',
      'provider.privacyPolicy',
      'lifetime.statedByProvider',
      'dpo.email',
    ]) {
      expect(text).toContain(`| \`${field}\` |`);
    }
  });
});
