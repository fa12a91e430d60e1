export interface DevSite {
  /** Where VitePress serves, e.g. http://127.0.0.1:5173 */
  readonly origin: string;
  /** The scratch copy of the catalog the site shows: edit it. */
  readonly catalog: string;
  /** Everything the dev script printed so far. */
  output(): string;
  stop(): Promise<void>;
}
export function startDevSite(catalog: string): Promise<DevSite>;
