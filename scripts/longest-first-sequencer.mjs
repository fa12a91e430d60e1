// The order `npm test` starts its test files in: the longest first, across all projects, from
// the durations vitest remembers of the last run (failed files first, as vitest does; files it
// has no record of first of all). Vitest's own order runs the projects one after another, so a
// slow file of a project late in the alphabet started near the end and the other workers sat
// idle while it ran: 150 s instead of ~110 s on two cores. A fresh clone (CI) has no record yet:
// there the durations committed in test-durations.json (scripts/record-test-durations.mjs) stand in.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer } from 'vitest/node';

const recorded = JSON.parse(
  readFileSync(new URL('./test-durations.json', import.meta.url), 'utf8'),
);

export default class LongestFirstSequencer extends BaseSequencer {
  async sort(files) {
    const { cache, config } = this.ctx;
    const key = (file) => `${file.project.name}:${relative(config.root, file.moduleId)}`;
    const rank = (file) => {
      const result = cache.getFileTestResults(key(file));
      if (result) return [result.failed ? 1 : 2, -result.duration];
      const duration = recorded[key(file)];
      return duration === undefined ? [0, 0] : [2, -duration];
    };
    return [...files].sort((a, b) => {
      const [groupA, durationA] = rank(a);
      const [groupB, durationB] = rank(b);
      return groupA - groupB || durationA - durationB;
    });
  }
}
