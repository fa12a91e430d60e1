/**
 * How much a finding weighs: `error` fails validate (and scan, audit); `warning` fails only
 * `--strict`; `info` is something to know, never a failure (scan cannot resolve a name, audit saw
 * a host). Each rule in rule-ids.ts has one, and every problem carries its rule's.
 */
export type Severity = 'error' | 'warning' | 'info';
