import { isSafePattern } from 'redos-detector';

/**
 * Whether a catalog pattern can backtrack catastrophically, judged by redos-detector (which
 * walks every way the pattern can match the same input). A generated reader runs the pattern on
 * every request's Cookie header, so `^(a+)+$` would let 30 characters take seconds.
 *
 * The search is bounded by steps, not time, so the answer is the same on every machine; a
 * pattern too intricate to prove safe within the bound is treated as unsafe. Returns what is
 * wrong in a few words, or undefined when the pattern is safe.
 */
export function catastrophicBacktracking(pattern: string): string | undefined {
  if (!verdicts.has(pattern)) verdicts.set(pattern, judge(pattern));
  return verdicts.get(pattern);
}

/** Patterns repeat across a catalog (and each is asked about twice), and judging one costs steps. */
const verdicts = new Map<string, string | undefined>();

function judge(pattern: string): string | undefined {
  if (hasOneQuantifierAtMost(pattern)) return undefined;
  let result: ReturnType<typeof isSafePattern>;
  try {
    result = isSafePattern(pattern, { unicode: true, maxSteps: 3_000 });
  } catch {
    return 'it uses a construct that cannot be checked for backtracking';
  }
  if (result.safe) return undefined;
  if (result.error === 'hitMaxSteps' || result.error === 'timedOut')
    return 'it is too intricate to prove that it always runs fast';
  return 'the same text can be matched in many ways';
}

/**
 * Patterns of the shape nearly every catalog uses, `^[A-Za-z0-9_-]{32,64}$`: anchored at the
 * start, single characters, escapes and classes, and at most one quantifier, with no group and no
 * alternation. Such a pattern matches a given text in at most one way per repetition count, so it
 * cannot backtrack catastrophically (without the `^`, every start position is tried: `a+$` is
 * quadratic, and redos-detector rightly says so); redos-detector agrees (a test holds the two
 * together) but takes ~20 ms to walk them, which is a tenth of legal's `validate`.
 */
const ATOM = String.raw`(?:[^\\[\](){}|*+?.^$]|\\[^\dbBkpPuxc]|\[(?:[^\\\]]|\\[^\dbBkpPuxc])*\]|\.)`;
const QUANTIFIER = String.raw`(?:[*+?]|\{\d+(?:,\d*)?\})`;
const SINGLE_QUANTIFIER = new RegExp(String.raw`^\^${ATOM}*(?:${ATOM}${QUANTIFIER}${ATOM}*)?\$?$`);

/** Whether `pattern` has the simple shape above (exported for the test that holds it to redos-detector). */
export function hasOneQuantifierAtMost(pattern: string): boolean {
  return SINGLE_QUANTIFIER.test(pattern);
}
