import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'scan',
    // Every test here builds a TypeScript program with ts-morph: a second or two alone, five
    // times that on two cores shared with a build (issue #17). The bound is for a hang, not a
    // speed target (that is `npm run bench -w @cookie-catalog/scan`).
    testTimeout: 60_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/fixtures/**'],
  },
});
