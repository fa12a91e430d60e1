/**
 * Fills the `{key}` placeholders of a label (`"{stated}; browsers keep it at most {kept}"`) in
 * one pass. Labels come from the catalog and so do the values, and both are data, never
 * templates: a value goes in exactly as it is (`$&` or `$'` mean nothing here, unlike in
 * String#replace), and what a value brings in (a parameter named `{meaning}`) is never filled
 * again. Unknown placeholders are left as written.
 */
export function fillPlaceholders(label: string, values: Readonly<Record<string, string>>): string {
  return label.replace(/\{([A-Za-z]+)\}/g, (placeholder, key: string) =>
    Object.hasOwn(values, key) ? (values[key] ?? placeholder) : placeholder,
  );
}
