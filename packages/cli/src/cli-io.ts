/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  readonly color: boolean;
  /** The environment variables the CLI reads (COOKIE_CATALOG_CONSENT_STORE); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
