/** What the catalog says about one cookie, exported by the generated code as a readonly constant. */
export interface CookieDeclaration {
  /** The catalog id. */
  readonly id: string;
  /** The wire name, or for a pattern the pattern as written, e.g. `sub-{id}`. */
  readonly name: string;
  readonly category: string;
  /** Max-Age in seconds; undefined for a session cookie. */
  readonly maxAge: number | undefined;
  readonly setBy: 'server' | 'client';
  /**
   * The day (YYYY-MM-DD) from which the catalog no longer sets it; absent while it is set. A
   * retired cookie keeps only its deleter, until browsers have let it expire.
   */
  readonly retired?: string;
  readonly attributes: {
    readonly path: string;
    readonly domain: string | undefined;
    readonly secure: boolean;
    readonly httpOnly: boolean;
    readonly sameSite: 'Strict' | 'Lax' | 'None';
    readonly partitioned: boolean;
  };
}
