import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'consent',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
