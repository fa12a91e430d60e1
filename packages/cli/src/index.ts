// The `cookie-catalog` command, for running it in-process (tests, other tools).

export { main } from './cli.js';
export type { CliIo } from './cli-io.js';
