import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'scan',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/fixtures/**'],
  },
});
