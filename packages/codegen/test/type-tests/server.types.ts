// Compiled by ts-server.test.ts in strict mode: every line marked with an expect-error directive must fail to compile.
import { expectTypeOf } from 'vitest';
import * as server from '../golden/basic/server/cookies.js';

expectTypeOf(server.readTheme('')).toEqualTypeOf<'light' | 'dark' | 'high-contrast' | undefined>();
expectTypeOf(server.readVisits('')).toEqualTypeOf<number | undefined>();
expectTypeOf(server.readBeta('')).toEqualTypeOf<boolean | undefined>();
expectTypeOf(server.readPrefs('')).toEqualTypeOf<
  | { readonly fontSize: number; readonly mode: 'compact' | 'comfortable'; readonly label: string }
  | undefined
>();
expectTypeOf(server.readShard('', { region: 'se', n: 1 })).toEqualTypeOf<string | undefined>();
expectTypeOf(server.serializeVisits).parameter(0).toEqualTypeOf<number>();
expectTypeOf(server.themeCookie.attributes.sameSite).toEqualTypeOf<'Lax'>();
expectTypeOf(server.sessionIdCookie.maxAge).toEqualTypeOf<7200>();

// @ts-expect-error a value outside the enum
server.serializeTheme('blue');
// @ts-expect-error a pattern cookie needs its parameters
server.serializeShard('abc');
// @ts-expect-error one parameter is missing
server.serializeShard({ region: 'se' }, 'abc');
// @ts-expect-error an integer parameter is not a string
server.deleteShard(new Headers(), { region: 'se', n: '1' });
// @ts-expect-error a JSON value needs every field
server.serializePrefs({ fontSize: 12, mode: 'compact' });
// @ts-expect-error a third-party cookie gets no setter
server.setTracker;
// @ts-expect-error a local-storage entry gets no cookie functions
server.readDraft;
// @ts-expect-error nor does a pixel
server.readOpened;
// @ts-expect-error attributes are data, not parameters
server.setTheme(new Headers(), 'dark', { maxAge: 1 });
