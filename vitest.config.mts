import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './scripts/longest-first-sequencer.mjs';

// One run over every package. The JSON report is what .ci/run counts for its closing line;
// .ci/examples sends each example catalog's report elsewhere with VITEST_JSON_REPORT.
export default defineConfig({
  // Where vitest remembers each file's last duration (the sequencer's order): outside
  // node_modules, so `npm ci` does not forget it.
  cacheDir: '.cache/vite',
  test: {
    projects: ['packages/*', 'apps/*'],
    // The tests wait on Chromium, child processes (npm, git, next, vitepress) and local servers
    // as much as they compute. Vitest's default is one worker fewer than the cores: on two cores,
    // one test file at a time (npm test took 252 s here; with 3 workers 159 s, with 4 no faster).
    maxWorkers: 3,
    globalSetup: ['scripts/test-tmpdir.mjs', 'packages/test-support/src/shared-chromium.ts'],
    sequence: { sequencer: LongestFirstSequencer },
    reporters: [
      'default',
      ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? 'reports/vitest.json' }],
    ],
  },
});
