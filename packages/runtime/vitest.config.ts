import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'runtime',
    // Some tests check pathological inputs (40,000 keys, backtracking patterns): about a second
    // alone, many times that on two busy cores (scripts/stress-tests.sh found one at 5.1 s). The
    // bound is for a hang; speed targets are in `npm run bench`.
    testTimeout: 60_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
