/**
 * A mistake in what the audit was asked to do (an address, a file, a cookie given on the command
 * line): the CLI prints the message as one line and exits 2.
 */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
}

/**
 * The start page could not be audited: nothing answered, or it answered with an error status.
 * Not a finding about the catalog, nor a usage error: the CLI exits 3.
 */
export class StartPageError extends Error {
  override readonly name = 'StartPageError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`the start page ${url} could not be loaded: ${reason}`);
  }
}
