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
expectTypeOf(server.readShard('', { region: 'se', n: 1 })).toEqualTypeOf<
  server.ShardValue | undefined
>();
// A value with a pattern is a type of its own: parseX (or the reader) gives it, setters take it.
expectTypeOf(server.parseShard('abc')).toEqualTypeOf<server.ShardValue | undefined>();
expectTypeOf<server.ShardValue>().toExtend<string>();
expectTypeOf(server.serializeShard).toBeCallableWith(
  { region: 'se', n: 1 },
  {} as server.ShardValue,
);
// @ts-expect-error an unchecked string does not fit a value with a pattern (parseShard first)
server.serializeShard({ region: 'se', n: 1 }, 'abc');
// @ts-expect-error nor does another cookie's checked value
server.serializeShard({ region: 'se', n: 1 }, {} as server.SessionIdValue);
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

// A retired cookie (the fixture's cart and layout) keeps its declaration, marked retired with
// the day, and its deleter with the parameters of its name: nothing else.
expectTypeOf(server.cartCookie.retired).toEqualTypeOf<'2026-01-01'>();
expectTypeOf(server.deleteCart).toBeCallableWith(new Headers(), { shop: 'books' });
expectTypeOf(server.deleteLayout).toBeCallableWith(new Headers());
// @ts-expect-error a retired cookie has no setter
server.setCart(new Headers(), { shop: 'books' }, 'abc123');
// @ts-expect-error nor a serializer
server.serializeCart;
// @ts-expect-error nor a reader
server.readCart;
// @ts-expect-error nor a parser of its value
server.parseCart;
// @ts-expect-error nor a value type
expectTypeOf<server.CartValue>().toBeString();
// @ts-expect-error page script wrote layout, but the server package sets nothing retired either
server.setLayout;
