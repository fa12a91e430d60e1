import { createHash } from 'node:crypto';
import type { ConsentAction, ConsentRecord, ConsentRecordInput } from './types.js';

/** The `prev` of each chain's first record. */
export const GENESIS = '0'.repeat(64);

const CONSENT_ID = /^[0-9a-f]{32}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const ACTIONS: readonly ConsentAction[] = ['accept', 'reject', 'save', 'withdraw'];

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 (hex) of a rendering's UTF-8 text: its address. */
export function renderingHash(text: string): string {
  return sha256Hex(text);
}

/** JSON with object keys sorted at every depth and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(prev: string, contentHash: string): string {
  return sha256Hex(prev + contentHash);
}

export function isConsentId(value: unknown): value is string {
  return typeof value === 'string' && CONSENT_ID.test(value);
}

function stringRecord(value: unknown, what: string, valueType: 'string' | 'boolean'): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TypeError(`${what} must be an object of ${valueType}s`);
  for (const [key, item] of Object.entries(value))
    if (typeof item !== valueType)
      throw new TypeError(`${what}.${key} must be a ${valueType}, not ${JSON.stringify(item)}`);
}

function nullableString(value: unknown, what: string, pattern?: RegExp): void {
  if (value === null) return;
  if (typeof value !== 'string' || (pattern && !pattern.test(value)))
    throw new TypeError(
      `${what} must be ${pattern ? 'a SHA-256 in 64 lowercase hex characters' : 'a string'} or null, not ${JSON.stringify(value)}`,
    );
}

/** The record exactly as stored: only the known fields, validated. Throws TypeError naming the bad field. */
export function consentRecord(input: ConsentRecordInput, at: string): ConsentRecord {
  if (input === null || typeof input !== 'object')
    throw new TypeError('a consent record must be an object');
  if (!isConsentId(input.consentId))
    throw new TypeError(
      `consentId must be 32 lowercase hex characters (128 random bits), not ${JSON.stringify(input.consentId)}`,
    );
  if (!ACTIONS.includes(input.action))
    throw new TypeError(
      `action must be one of ${ACTIONS.join(', ')}, not ${JSON.stringify(input.action)}`,
    );
  stringRecord(input.categories, 'categories', 'boolean');
  if (!Number.isSafeInteger(input.consentVersion) || input.consentVersion < 0)
    throw new TypeError(
      `consentVersion must be a whole number ≥ 0, not ${JSON.stringify(input.consentVersion)}`,
    );
  if (typeof input.policyVersion !== 'string')
    throw new TypeError(
      `policyVersion must be a string, not ${JSON.stringify(input.policyVersion)}`,
    );
  stringRecord(input.packages, 'packages', 'string');
  nullableString(input.locale, 'locale');
  nullableString(input.service, 'service');
  if (typeof input.gpc !== 'boolean')
    throw new TypeError(`gpc must be true or false, not ${JSON.stringify(input.gpc)}`);
  nullableString(input.shown, 'shown', SHA256_HEX);
  nullableString(input.policy, 'policy', SHA256_HEX);
  if (!Array.isArray(input.slots) || !input.slots.every((slot) => typeof slot === 'string'))
    throw new TypeError('slots must be an array of slot names');
  return {
    consentId: input.consentId,
    action: input.action,
    categories: { ...input.categories },
    consentVersion: input.consentVersion,
    policyVersion: input.policyVersion,
    packages: { ...input.packages },
    locale: input.locale,
    service: input.service,
    gpc: input.gpc,
    shown: input.shown,
    slots: [...input.slots],
    policy: input.policy,
    at,
  };
}
