import type { Catalog, Service } from './model.js';

/**
 * The services policy.yaml declares, in its order; empty for a catalog that declares none (its
 * one implicit service has no pages, exports or code of its own: the whole catalog is that).
 */
export function declaredServices(catalog: Catalog): readonly Service[] {
  return catalog.services.filter((service) => !service.implicit);
}

/**
 * The catalog as one service's own outputs see it: the same catalog with only the entries that
 * service uses (CatalogEntry.services) or that browsers send to its hosts (a Domain cookie whose
 * `reaches` names it: its table says so), and `scope` set to the service. Every renderer of the
 * whole catalog renders the view unchanged, so a service's table, policy and exports are those of
 * the whole catalog, narrowed. Throws for an id the catalog does not have: a caller's mistake,
 * since ids come from the validated catalog.
 */
export function catalogOfService(catalog: Catalog, serviceId: string): Catalog {
  const service = catalog.services.find((candidate) => candidate.id === serviceId);
  if (!service) {
    throw new Error(
      `the catalog has no service "${serviceId}" (it has ${catalog.services.map((s) => s.id).join(', ')})`,
    );
  }
  return {
    ...catalog,
    entries: catalog.entries.filter(
      (entry) => entry.services.includes(serviceId) || entry.reaches?.includes(serviceId),
    ),
    scope: service,
  };
}

/**
 * The whole catalog first, then the view of each declared service: what an output made once for
 * the catalog and once per service iterates over. Only the whole catalog for a catalog that
 * declares no services.
 */
export function catalogAndServiceViews(catalog: Catalog): readonly Catalog[] {
  return [catalog, ...declaredServices(catalog).map((s) => catalogOfService(catalog, s.id))];
}

/** Where a view's file goes: `file` for the whole catalog, `services/<id>/file` for a service. */
export function servicePath(view: Catalog, file: string): string {
  return view.scope ? `services/${view.scope.id}/${file}` : file;
}
