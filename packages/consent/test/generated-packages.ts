import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import type { Catalog } from '@cookie-catalog/catalog';
import {
  mdPolicyGenerator,
  runGenerator,
  tsConsentGenerator,
  tsServerGenerator,
} from '@cookie-catalog/codegen';

/*
 * The server and consent packages generated from a fixture catalog into test folders of their own
 * (ignored by git and by every build, never src/), for tests that walk them in Chromium.
 */

type Generated = typeof import('../src/generated/index.js');

/**
 * A consent package generated from a fixture catalog that declares no services: this package's
 * API (generated from our catalog), as it is without services — no service to name.
 */
export type ConsentModule = Omit<
  Generated,
  'applyConsentForm' | 'consentBanner' | 'consentPreferences'
> & {
  applyConsentForm(
    target: Parameters<Generated['applyConsentForm']>[0],
    form: Parameters<Generated['applyConsentForm']>[1],
    options: Omit<Parameters<Generated['applyConsentForm']>[2], 'service' | 'host'> & {
      readonly service?: string;
    },
  ): ReturnType<Generated['applyConsentForm']>;
  consentBanner(
    locale: Parameters<Generated['consentBanner']>[0],
    state: Parameters<Generated['consentBanner']>[1],
  ): string;
  consentPreferences(
    locale: Parameters<Generated['consentPreferences']>[0],
    state: Parameters<Generated['consentPreferences']>[1],
  ): string;
};

export interface GeneratedPackages {
  readonly consent: ConsentModule;
  /** The generated server package, for setters the test's own server calls. */
  readonly server: Record<string, unknown>;
  remove(): Promise<void>;
}

/** Generates both packages under `<slot>/` beside this file and the server package's tests. */
export async function generatedPackages(
  catalog: Catalog,
  slot: string,
): Promise<GeneratedPackages> {
  const serverDir = new URL(`../../server/test/${slot}/`, import.meta.url).pathname;
  const consentDir = new URL(`./${slot}/`, import.meta.url).pathname;
  const remove = async () => {
    await rm(serverDir, { recursive: true, force: true });
    await rm(consentDir, { recursive: true, force: true });
  };
  await remove();
  await mkdir(serverDir, { recursive: true });
  await mkdir(consentDir, { recursive: true });
  // Files in folders of their own (services/<id>.ts) too.
  const write = async (folder: string, file: { path: string; contents: string }) => {
    await mkdir(dirname(join(folder, file.path)), { recursive: true });
    await writeFile(join(folder, file.path), file.contents);
  };
  for (const file of runGenerator(tsServerGenerator, catalog)) await write(serverDir, file);
  // The policy in force, which consent records keep: the docs package's Markdown, generated here.
  await mkdir(join(consentDir, 'policy'));
  for (const file of runGenerator(mdPolicyGenerator, catalog))
    await write(join(consentDir, 'policy'), file);
  for (const file of runGenerator(tsConsentGenerator, catalog, {
    serverImport: `../../../server/test/${slot}/index.js`,
    docsImport: './policy/index.js',
  }))
    await write(consentDir, file);
  // Imported by path, as vitest transforms them.
  const load = (path: string) => import(/* @vite-ignore */ new URL(path, import.meta.url).pathname);
  const consent = {
    ...(await load(`./${slot}/server.ts`)),
    ...(await load(`./${slot}/banner.ts`)),
  } as ConsentModule;
  const server = (await load(`../../server/test/${slot}/index.ts`)) as Record<string, unknown>;
  return { consent, server, remove };
}

/** A posted form, as the test servers read it. */
export async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return new URLSearchParams(text);
}
