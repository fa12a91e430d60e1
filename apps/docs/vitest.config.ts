import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs-site',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
