import { defineConfig } from 'vitest/config';

// One run over every package with tests; add a folder here with its vitest.config.ts.
export default defineConfig({
  test: { projects: ['packages/server', 'packages/client', 'packages/consent', 'apps/docs'] },
});
