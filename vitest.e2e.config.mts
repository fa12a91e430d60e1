import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the end-to-end runs (`*.e2e.ts`) that build a whole other repository or
// start the docs site a second time, kept out of `npm test` the way the example catalogs are. CI
// runs them as a step of their own and counts them in its closing line.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.e2e.ts', 'apps/*/test/**/*.e2e.ts'],
    globalSetup: ['scripts/test-tmpdir.mjs'],
    // A bound for a hang: npm install, a turbo build and a test run of the new repository.
    testTimeout: 600_000,
    reporters: [
      'default',
      ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? 'reports/e2e.json' }],
    ],
  },
});
