import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  editedCatalog,
  editedValidCatalog,
  THREE_SERVICES,
} from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';
import { scanProject } from '../src/index.js';

/*
 * `scan --service <id>` (issue #31, item 4): a code base held against one service's entries. The
 * fixture as three services; expectations come from the catalog's `services` of each entry.
 */

const catalog = await editedValidCatalog(THREE_SERVICES);

/** An entry of ours that the platform uses and the Swedish site does not. */
const platformOnly = catalog.entries.find(
  (e) =>
    e.kind === 'cookie' &&
    e.party === 'first' &&
    e.name.parameters.length === 0 &&
    e.services.includes('platform') &&
    !e.services.includes('se'),
);

async function codeBase(): Promise<string> {
  if (!platformOnly) throw new Error('test bug: the fixture has a cookie on the platform only');
  const dir = await mkdtemp(join(tmpdir(), 'cookie-catalog-scan-service-'));
  await writeFile(
    join(dir, 'app.ts'),
    `document.cookie = '${platformOnly.name.pattern}=1; Path=/';\n`,
  );
  return dir;
}

describe('scan --service', () => {
  it("reports a cookie the catalog lists only on other services, naming them and the entry's file", async () => {
    const dir = await codeBase();
    const { problems } = await scanProject(catalog, {
      cwd: dir,
      paths: [],
      tsconfig: undefined,
      service: 'se',
    });
    expect(problems.map((p) => p.rule)).toEqual(['scan/other-service']);
    expect(problems[0]?.message).toBe(
      `document.cookie = writes the cookie "${platformOnly?.name.pattern}", which the catalog lists only on ${platformOnly?.services.join(', ')}, not on se, the service this code is scanned for`,
    );
    expect(problems[0]?.fix).toContain(`add se to services: in ${platformOnly?.source}`);
  });

  it('on the service that uses it, the same code is held as before (written by hand)', async () => {
    const dir = await codeBase();
    const on = await scanProject(catalog, {
      cwd: dir,
      paths: [],
      tsconfig: undefined,
      service: 'platform',
    });
    const whole = await scanProject(catalog, { cwd: dir, paths: [], tsconfig: undefined });
    expect(on.problems).toEqual(whole.problems);
    expect(on.problems.map((p) => p.rule)).not.toContain('scan/other-service');
  });

  it('the command exits 1 on the finding, and 2 naming the declared services for an unknown id', async () => {
    const dir = await codeBase();
    const catalogDir = await editedCatalog(THREE_SERVICES);
    const found = await runCli(['scan', '--catalog', catalogDir, '--service', 'se'], dir);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('scan/other-service');
    const unknown = await runCli(['scan', '--catalog', catalogDir, '--service', 'intranet'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'cookie-catalog: --service intranet: the catalog declares no service "intranet"; use one of platform, help, se\n',
    );
  });
});
