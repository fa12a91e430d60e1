import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'policy-table',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
