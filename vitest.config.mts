import { defineConfig } from 'vitest/config';

// One run over every package. The JSON report is what .ci/run counts for its closing line;
// .ci/examples sends each example catalog's report elsewhere with VITEST_JSON_REPORT.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    reporters: [
      'default',
      ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? 'reports/vitest.json' }],
    ],
  },
});
