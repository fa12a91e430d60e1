import { describe, expectTypeOf, it } from 'vitest';
import * as client from '../src/index.js';
import { readBillogramGDPR, readLanguage, readLanguageFrom, writeLanguage } from '../src/index.js';

// Checked by `npm run typecheck` (tsc, strict): every expect-error line must fail to compile.
describe('the types of the generated client package', () => {
  it('reads typed values', () => {
    expectTypeOf(readLanguage()).toEqualTypeOf<'en' | 'sv' | undefined>();
    expectTypeOf(readLanguageFrom).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(readBillogramGDPR()).toEqualTypeOf<
      { readonly version: number; readonly helpCenter: boolean } | undefined
    >();
  });

  it('has no reader for an HttpOnly cookie and no writer outside the enum', () => {
    // @ts-expect-error access_token is HttpOnly: script cannot read it, so there is no reader
    expectTypeOf(client.readAccessToken).toBeFunction();
    // @ts-expect-error "xx" is not a language
    expectTypeOf(writeLanguage).toBeCallableWith('xx');
  });
});
