/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  readonly color: boolean;
}
