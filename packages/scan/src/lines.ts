/**
 * Line and column of a position, from the line starts found once per file (a binary search per
 * position): ts-morph's getLineAndColumnAtPos counts the lines from the start of the file at every
 * call, which made 40,000 findings in one file quadratic. Same numbers as ts-morph: the line
 * counts `\n`, the column (from 1) counts from the last `\n` or `\r`.
 */
export class LineIndex {
  readonly #newlines: number[] = [];
  readonly #breaks: number[] = [];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.#newlines.push(i);
      if (code === 10 || code === 13) this.#breaks.push(i);
    }
  }

  at(position: number): { line: number; column: number } {
    const line = countBefore(this.#newlines, position) + 1;
    const breaks = countBefore(this.#breaks, position);
    const lineStart = breaks === 0 ? 0 : (this.#breaks[breaks - 1] as number) + 1;
    return { line, column: position - lineStart + 1 };
  }
}

/** How many of the sorted positions are before `position`. */
function countBefore(sorted: readonly number[], position: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < position) low = middle + 1;
    else high = middle;
  }
  return low;
}
