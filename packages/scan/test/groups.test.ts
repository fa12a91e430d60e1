import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { scanProject } from '../src/index.js';

/*
 * Another company's group of cookies the page lists without names stands for the cookies of its
 * own domain: our code cannot write there, so the group never makes a name our code writes count
 * as declared.
 */
describe('a group of cookies without names, in scan', () => {
  it('does not declare the names our own code writes', async () => {
    const { catalog } = await loadCatalog(
      await editedCatalog([
        {
          file: 'cookies/vimeo.yaml',
          with: 'id: vimeo\nkind: cookie\ncategory: help-center\nprovider: { name: "Vimeo, Inc.", domain: vimeo.com, privacyPolicy: "https://vimeo.com/privacy" }\nlifetime: session\npurpose: { en: Test., sv: Test. }\n',
        },
      ]),
    );
    if (!catalog) throw new Error('test bug: the edited catalog is not valid');
    const dir = await mkdtemp(join(tmpdir(), 'cookie-catalog-scan-group-'));
    await writeFile(join(dir, 'app.ts'), "document.cookie = 'tracker_id=1; Path=/';\n");
    const { problems } = await scanProject(catalog, { cwd: dir, paths: [], tsconfig: undefined });
    expect(problems.map((p) => p.rule)).toEqual(['scan/undeclared']);
    expect(problems[0]?.message).toMatch(/"tracker_id", which the catalog does not declare/);
  });
});
