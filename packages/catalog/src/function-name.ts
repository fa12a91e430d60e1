/**
 * The PascalCase basis of an entry's generated function names: `access_token` → `AccessToken`,
 * `billogramGDPR` → `BillogramGDPR`, `csrftoken` → `Csrftoken`.
 */
export function functionNameOf(id: string): string {
  return id
    .split(/[_-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
