import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'consent', include: ['test/**/*.test.ts'] } });
