import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';

/** A fixture catalog from test/fixtures/<name>/catalog, validated; throws with its problems if not. */
export async function loadFixtureCatalog(name: string): Promise<Catalog> {
  const dir = new URL(`./fixtures/${name}/catalog/`, import.meta.url).pathname;
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog)
    throw new Error(
      `fixture ${name} is invalid:\n${problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n')}`,
    );
  return catalog;
}
