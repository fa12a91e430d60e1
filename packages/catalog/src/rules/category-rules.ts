import type { EntryInput } from '../schema.js';
import type { CatalogContext, FileReport } from './check-context.js';

/**
 * The category decides whether an entry needs consent (policy.yaml declares which do), so it is
 * one the policy declares, never a placeholder.
 */
export function checkCategory(
  report: FileReport,
  context: CatalogContext,
  entry: EntryInput,
): void {
  if (/^\s*TODO\b/.test(entry.category)) {
    report.add(
      'text/todo',
      ['category'],
      `the category is still a placeholder: "${entry.category.trim().slice(0, 80)}"`,
      `choose one of ${[...(context.categories ?? [])].join(', ')}`,
    );
  } else if (context.categories && !context.categories.has(entry.category)) {
    report.add(
      'catalog/unknown-category',
      ['category'],
      `the category "${entry.category}" is not declared in policy.yaml`,
      `use one of ${[...context.categories].join(', ')}, or declare it under categories in policy.yaml`,
    );
  }
}
