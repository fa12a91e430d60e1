import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    // These tests run the CLI, git, npm and TypeScript: a second or two alone, many times that
    // on two cores shared with a build (issue #17). The bound is for a hang; speed targets are
    // in `npm run bench`.
    testTimeout: 60_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
