// The company's own app may name its cookies: these type tests pin the catalog as it is today.
// When legal removes or narrows one of them, this file stops compiling, naming it: the typed API
// doing its job. Update it together with the app.

import * as client from '@billogram/cookies-client';
import {
  readBillogramGDPR,
  readLanguage,
  readLanguageFrom,
  writeLanguage,
} from '@billogram/cookies-client';
import { describe, expectTypeOf, it } from 'vitest';

// Checked by `npm run typecheck` (tsc, strict): every expect-error line must fail to compile.
describe('the types of the generated client package', () => {
  it('reads typed values', () => {
    expectTypeOf(readLanguage()).toEqualTypeOf<'en' | 'sv' | undefined>();
    expectTypeOf(readLanguageFrom).parameter(0).toEqualTypeOf<string>();
    // The consent cookie's value follows from the categories that need consent.
    expectTypeOf(readBillogramGDPR()).toEqualTypeOf<
      | {
          readonly version: number;
          readonly given: number;
          readonly id: string;
          // Which categories were answered so far: the catalog declares services.
          readonly answered: string;
          readonly 'help-center': boolean;
        }
      | undefined
    >();
  });

  it('has no reader for an HttpOnly cookie and no writer outside the enum', () => {
    // @ts-expect-error access_token is HttpOnly: script cannot read it, so there is no reader
    expectTypeOf(client.readAccessToken).toBeFunction();
    // @ts-expect-error "xx" is not a language
    expectTypeOf(writeLanguage).toBeCallableWith('xx');
  });
});
