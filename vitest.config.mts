import { defineConfig } from 'vitest/config';

// One run over every package. The JSON report is what .ci/run counts for its closing line.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
