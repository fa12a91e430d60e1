// A PostgreSQL server for the benches, from test-support's helper (initdb in a temporary folder,
// 127.0.0.1, run as the postgres user when root). The helper is TypeScript; Node 20 runs it once
// esbuild has stripped the types. Undefined, with a line saying why, without Debian's binaries.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

/**
 * `work`: a temporary folder of the bench's own, for the compiled helper. `folder`: where the
 * server keeps its data across runs (reused when it holds a server's data), or a temporary one.
 */
export async function startBenchPostgres(work, folder) {
  const source = await readFile(
    new URL('../packages/test-support/src/postgres-server.ts', import.meta.url),
    'utf8',
  );
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  const file = join(work, 'postgres-server.mjs');
  await writeFile(file, code);
  const helper = await import(file);
  const missing = helper.postgresUnavailable();
  if (missing) {
    console.log(`PostgreSQL left out: ${missing}`);
    return undefined;
  }
  return helper.startPostgresServer(folder === undefined ? {} : { folder });
}
