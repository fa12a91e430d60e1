/*
 * One order for what a pass saw, whatever order the pages answered in: a run at --concurrency 1
 * and one at 4, or three shards merged, list the same things in the same places. Items are
 * ordered by what identifies them (a cookie by name, domain and path), never by the page that
 * happened to see them first, which may differ between such runs.
 */

/** Code-unit order: the same on every machine, whatever its locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byKeys<T>(...keys: ((item: T) => string)[]) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const order = byText(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** What a pass lists (a Pass, observe.ts; named by shape here, so the crawl can import this). */
interface Listed {
  readonly pages: readonly string[];
  readonly cookies: readonly {
    readonly name: string;
    readonly domain: string;
    readonly path: string;
    readonly partitionKey: string | undefined;
  }[];
  readonly storage: readonly {
    readonly kind: string;
    readonly origin: string;
    readonly key: string;
  }[];
  readonly requests: readonly {
    readonly page: string;
    readonly url: string;
    readonly type: string;
    readonly invisible: boolean;
  }[];
  readonly notes: readonly { readonly page: string; readonly message: string }[];
}

/** The pass with its pages, cookies, storage, requests and notes in their one order. */
export function orderedPass<P extends Listed>(pass: P): P {
  return {
    ...pass,
    pages: [...pass.pages].sort(byText),
    cookies: [...pass.cookies].sort(
      byKeys(
        (c) => c.name,
        (c) => c.domain,
        (c) => c.path,
        (c) => c.partitionKey ?? '',
      ),
    ),
    storage: [...pass.storage].sort(
      byKeys(
        (s) => s.kind,
        (s) => s.origin,
        (s) => s.key,
      ),
    ),
    // A page's requests together: the evidence is read page by page.
    requests: [...pass.requests].sort(
      byKeys(
        (r) => r.page,
        (r) => r.url,
        (r) => r.type,
        (r) => String(r.invisible),
      ),
    ),
    notes: [...pass.notes].sort(
      byKeys(
        (n) => n.page,
        (n) => n.message,
      ),
    ),
  } as P;
}
