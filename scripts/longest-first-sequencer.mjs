// The order `npm test` starts its test files in: the longest first, across all projects, from
// the durations vitest remembers of the last run (failed files first, as vitest does; files it
// has no record of first of all). Vitest's own order runs the projects one after another, so a
// slow file of a project late in the alphabet (scan, server) started near the end and the other
// workers sat idle while it ran: 150 s instead of ~110 s on two cores.
import { relative } from 'node:path';
import { BaseSequencer } from 'vitest/node';

export default class LongestFirstSequencer extends BaseSequencer {
  async sort(files) {
    const { cache, config } = this.ctx;
    const state = (file) =>
      cache.getFileTestResults(`${file.project.name}:${relative(config.root, file.moduleId)}`);
    const rank = (file) => {
      const result = state(file);
      if (!result) return [0, 0];
      return [result.failed ? 1 : 2, -result.duration];
    };
    return [...files].sort((a, b) => {
      const [groupA, durationA] = rank(a);
      const [groupB, durationB] = rank(b);
      return groupA - groupB || durationA - durationB;
    });
  }
}
