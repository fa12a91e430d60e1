/** What the store needs from a driver: the same SQL and $n parameters for PGlite and pg. */
export interface SqlQuery {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters. */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlQuery {
  transaction<T>(work: (sql: SqlQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Loads an optional driver, or says which package to install. */
export async function loadDriver<T>(name: string, purpose: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
      throw new Error(
        `${purpose} needs the package ${name}, which is not installed: npm install ${name}`,
      );
    throw error;
  }
}
