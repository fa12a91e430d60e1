/*
 * Recording an answer and undoing what a withdrawn category stored. The generated server module
 * passes the catalog's plan (which cookie, which attributes) per category; this does the work.
 */

/** A form as URLSearchParams, FormData or a parsed body object gives it. */
export type ConsentForm = { get(name: string): unknown } | Readonly<Record<string, unknown>>;

/** A cookie of a withdrawn category that we cannot delete from our own response. */
export interface NotDeleted {
  /** The name, or the name pattern (`_ga_{id}`) as the catalog writes it. */
  readonly name: string;
  readonly category: string;
  /** The company that sets it. */
  readonly provider: string;
  readonly privacyPolicy: string | undefined;
  /**
   * `third-party`: another company sets it on its own domain; `path-unknown`: the catalog does
   * not say where on our domain a vendor sets it; `not-sent`: a name pattern on a path the
   * request did not come from, so its cookies were not sent with it and cannot be named;
   * `other-service`: it lives on the hosts of other services (`services`), not this one.
   */
  readonly reason: NotDeletedReason;
  /** For `other-service`: the ids of the services whose hosts hold it. */
  readonly services?: readonly string[];
}

export type NotDeletedReason = 'third-party' | 'path-unknown' | 'not-sent' | 'other-service';

export interface ConsentResult<C> {
  readonly consent: C;
  /** The cookies deleted from the browser by this response. */
  readonly deleted: readonly string[];
  readonly notDeleted: readonly NotDeleted[];
}

/** One entry's part of a withdrawal, as the generator writes it from the catalog. */
export type Removal =
  | {
      readonly name: string;
      readonly pattern?: string;
      readonly attributes: string;
      /** A pattern on another path than `/`: who to name when the request carries none of it. */
      readonly unseen?: { readonly provider: string; readonly privacyPolicy?: string };
    }
  | {
      readonly name: string;
      readonly pattern?: string;
      readonly cannot: 'third-party' | 'path-unknown' | 'other-service';
      readonly provider: string;
      readonly privacyPolicy?: string;
      /** For `other-service`: the services whose hosts hold it. */
      readonly services?: readonly string[];
    };

function field(form: ConsentForm, name: string): string {
  const value =
    typeof (form as { get?: unknown }).get === 'function'
      ? (form as { get(name: string): unknown }).get(name)
      : (form as Readonly<Record<string, unknown>>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/**
 * What the form answers: `accept` or `reject` (the banner's buttons), else `save` (the
 * preferences form, one yes or no per category).
 */
export function formAction(form: ConsentForm): 'accept' | 'reject' | 'save' {
  const action = field(form, 'cookies');
  return action === 'accept' || action === 'reject' ? action : 'save';
}

/**
 * `cookies=accept` turns every category on, `reject` every one off; anything else reads one
 * `consent-<category>=yes|no` per category, and only an explicit yes turns it on. Categories in
 * `explicitOnly` (under Global Privacy Control: those that share data for advertising) are never
 * turned on by "accept all", only by their own yes.
 */
export function choicesFromForm(
  form: ConsentForm,
  categories: readonly string[],
  explicitOnly: readonly string[] = [],
): Record<string, boolean> {
  const action = field(form, 'cookies');
  return Object.fromEntries(
    categories.map((category) => [
      category,
      action === 'accept'
        ? !explicitOnly.includes(category)
        : action === 'reject'
          ? false
          : field(form, `consent-${category}`) === 'yes',
    ]),
  );
}

/** The names of the cookies a Cookie header carries, each once. */
function cookieNames(header: string): string[] {
  const names = new Set<string>();
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    const name = (equals === -1 ? '' : pair.slice(0, equals)).trim();
    if (name !== '') names.add(name);
  }
  return [...names];
}

/**
 * Deletes, with `append(line)`, every cookie of the withdrawn categories that the request carries
 * and the catalog says where it lives; lists the rest. A fixed name is deleted even when the
 * request does not carry it (the browser may hold it for another path).
 */
export function applyRemovals(
  withdrawn: readonly (readonly [string, readonly Removal[]])[],
  cookieHeader: string,
  append: (line: string) => void,
): { deleted: string[]; notDeleted: NotDeleted[] } {
  const present = cookieNames(cookieHeader);
  const deleted: string[] = [];
  const notDeleted: NotDeleted[] = [];
  for (const [category, removals] of withdrawn) {
    for (const removal of removals) {
      if ('cannot' in removal) {
        notDeleted.push({
          name: removal.name,
          category,
          provider: removal.provider,
          privacyPolicy: removal.privacyPolicy,
          reason: removal.cannot,
          ...(removal.services && { services: removal.services }),
        });
        continue;
      }
      const matcher = removal.pattern === undefined ? undefined : new RegExp(removal.pattern);
      const names = matcher ? present.filter((name) => matcher.test(name)) : [removal.name];
      if (names.length === 0 && removal.unseen) {
        notDeleted.push({
          name: removal.name,
          category,
          provider: removal.unseen.provider,
          privacyPolicy: removal.unseen.privacyPolicy,
          reason: 'not-sent',
        });
      }
      for (const name of names) {
        append(`${name}=${removal.attributes}`);
        deleted.push(name);
      }
    }
  }
  return { deleted, notDeleted };
}
