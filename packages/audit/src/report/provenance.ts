import { createRequire } from 'node:module';

/*
 * What a supervisor asks of evidence before reading it: when it was collected, with which tool,
 * against which version of the catalog, in which browser with which settings, and how much of the
 * site was looked at. The HTML report adds the SHA-256 of the JSON it was made from.
 */

/** This package's version (its package.json, which every install carries). */
export const AUDIT_VERSION: string = (
  createRequire(import.meta.url)('../../package.json') as { version: string }
).version;

export interface AuditProvenance {
  /** ISO 8601, UTC: when the first pass started and the last one finished. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The program that ran the audit and its version: `cookie-catalog 0.1.0`. */
  readonly tool: string;
  readonly auditVersion: string;
  /** The catalog's own version (policy.yaml), as the policy states it. */
  readonly catalogVersion: string;
  readonly browser: {
    /** Chromium's product and version, e.g. `Chrome/141.0.7390.54`. */
    readonly version: string;
    readonly userAgent: string;
    readonly viewport: { readonly width: number; readonly height: number };
    /** Every pass browses as a visitor whose browser allows third-party cookies (worst case). */
    readonly thirdPartyCookies: 'allowed' | 'blocked';
  };
  /** Pages per pass at most (--pages). */
  readonly pageLimit: number;
  /** --redact: no screenshots, no query strings. */
  readonly redacted: boolean;
}
