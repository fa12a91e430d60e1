// Compiled by ts-client.test.ts in strict mode (with the DOM library): every line marked with an
// expect-error directive below must fail to compile.
import { expectTypeOf } from 'vitest';
import * as client from '../golden/basic/client/cookies.js';

expectTypeOf(client.readTheme()).toEqualTypeOf<'light' | 'dark' | 'high-contrast' | undefined>();
expectTypeOf(client.readThemeFrom('theme=dark')).toEqualTypeOf<
  'light' | 'dark' | 'high-contrast' | undefined
>();
expectTypeOf(client.readVisits()).toEqualTypeOf<number | undefined>();
expectTypeOf(client.readPrefs()).toEqualTypeOf<
  | { readonly fontSize: number; readonly mode: 'compact' | 'comfortable'; readonly label: string }
  | undefined
>();
expectTypeOf(client.writeTheme).parameter(0).toEqualTypeOf<'light' | 'dark' | 'high-contrast'>();

// @ts-expect-error an HttpOnly cookie is invisible to script: no reader
client.readSessionId;
// @ts-expect-error nor for a pattern cookie that is HttpOnly
client.readShard;
// @ts-expect-error writing a value outside the enum
client.writeTheme('blue');
// @ts-expect-error the server sets prefs, so script gets no writer
client.writePrefs;
// @ts-expect-error a third-party cookie gets nothing
client.readTracker;
// @ts-expect-error a local-storage entry gets no cookie functions
client.readDraft;

// A retired cookie that page script wrote keeps only its remover.
expectTypeOf(client.removeLayout).toBeCallableWith();
// @ts-expect-error a retired cookie has no writer
client.writeLayout('grid');
// @ts-expect-error nor a reader
client.readLayout;
// @ts-expect-error nor one from a cookie string
client.readLayoutFrom;
// @ts-expect-error the server set cart: script never wrote it, so it gets no remover
client.removeCart;
