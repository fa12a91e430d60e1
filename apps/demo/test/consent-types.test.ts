// The company's own app may name its consent categories: these type tests pin them as they are.

import {
  type Consent,
  type ConsentCategory,
  consentBanner,
  hasConsent,
  readConsent,
} from '@billogram/cookies-consent';
import * as browser from '@billogram/cookies-consent/browser';
import { describe, expectTypeOf, it } from 'vitest';

// Checked by `npm run typecheck` (tsc, strict): every expect-error line must fail to compile.
describe('the types of the generated consent package', () => {
  it('knows exactly the categories that need consent', () => {
    expectTypeOf<ConsentCategory>().toEqualTypeOf<'help-center'>();
    expectTypeOf(readConsent('')).toEqualTypeOf<Consent | undefined>();
    expectTypeOf<Consent['categories']>().toEqualTypeOf<{ readonly 'help-center': boolean }>();
    expectTypeOf(hasConsent).toBeCallableWith(undefined, 'help-center');
    expectTypeOf(browser.hasConsent).toBeCallableWith('help-center');
  });

  it('refuses a category the catalog does not ask about, and a language it does not have', () => {
    // @ts-expect-error "necessary" needs no consent, so it is not a consent category
    expectTypeOf(hasConsent).toBeCallableWith(undefined, 'necessary');
    // @ts-expect-error "marketing" is no category of the catalog
    expectTypeOf(browser.hasConsent).toBeCallableWith('marketing');
    // @ts-expect-error the catalog has no German
    expectTypeOf(consentBanner).toBeCallableWith('de', { action: '/cookies' });
  });
});
