/**
 * What parseX gives for a value the test knows is valid: the branded value setters take. The
 * test fails here, naming the value, if the catalog does not accept it after all.
 */
export function checked<T>(value: T | undefined, text = 'the value'): T {
  if (value === undefined) throw new Error(`${text} does not fit the cookie's declaration`);
  return value;
}
