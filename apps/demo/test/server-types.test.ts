// The company's own app may name its cookies: these type tests pin the catalog as it is today.
// When legal removes or narrows one of them, this file stops compiling, naming it: the typed API
// doing its job. Update it together with the app.

import * as server from '@billogram/cookies-server';
import {
  type CsrftokenValue,
  deleteLanguage,
  parseCsrftoken,
  readCsrftoken,
  readLanguage,
  serializeCsrftoken,
  serializeLanguage,
  setCsrftoken,
  setLanguage,
} from '@billogram/cookies-server';
import * as platform from '@billogram/cookies-server/platform';
import { describe, expectTypeOf, it } from 'vitest';

// Checked by `npm run typecheck` (tsc, strict): every expect-error line must fail to compile.
describe('the types of the generated server package', () => {
  it('takes and returns typed values', () => {
    // A value with a pattern is a type of its own: parse (or read) gives it, setters take it.
    expectTypeOf(serializeCsrftoken).parameter(0).toEqualTypeOf<CsrftokenValue>();
    expectTypeOf(parseCsrftoken('')).toEqualTypeOf<CsrftokenValue | undefined>();
    expectTypeOf(readCsrftoken('')).toEqualTypeOf<CsrftokenValue | undefined>();
    expectTypeOf<CsrftokenValue>().toExtend<string>();
    expectTypeOf(readLanguage('')).toEqualTypeOf<'en' | 'sv' | undefined>();
    expectTypeOf(setLanguage).toBeCallableWith(new Headers(), 'sv');
    expectTypeOf(deleteLanguage).toBeCallableWith(new Response());
    expectTypeOf(server.languageCookie.maxAge).toEqualTypeOf<2592000>();
  });

  it('refuses what the catalog does not allow', () => {
    // @ts-expect-error "xx" is not a language
    expectTypeOf(serializeLanguage).toBeCallableWith('xx');
    // @ts-expect-error PubNub sets sub-{id}: a third-party cookie gets no setter
    expectTypeOf(server.setPubnubSubscription).toBeFunction();
    // @ts-expect-error the pixel is not a cookie
    expectTypeOf(server.readInvoiceOpened).toBeFunction();
    // @ts-expect-error an unchecked string is not a CSRF token: parseCsrftoken first
    expectTypeOf(setCsrftoken).toBeCallableWith(new Headers(), 'abc');
    // @ts-expect-error attributes come from the catalog, not from the call
    expectTypeOf(setLanguage).toBeCallableWith(new Headers(), 'sv', { maxAge: 1 });
  });

  it('the platform’s subpath, which this app imports, has the platform’s cookies', () => {
    expectTypeOf(platform.setCsrftoken).toEqualTypeOf(setCsrftoken);
    expectTypeOf(platform.readLanguage).toEqualTypeOf(readLanguage);
    // @ts-expect-error PubNub sets sub-{id}: a third-party cookie gets no setter there either
    expectTypeOf(platform.setPubnubSubscription).toBeFunction();
  });
});
