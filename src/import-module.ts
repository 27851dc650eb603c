// import() of an ES module package with top-level await (harfbuzzjs), which require() cannot load.
// The bundled scripts run by node:vm (src/cli/bundled.ts) have no import() of their own, and the
// bundler turns theirs into require(): the runner that loads them, an ES module, lends its own.

/** The key under which src/cli/bundled.ts lends its import() to the scripts it runs. */
export const LENT_IMPORT = Symbol.for('oedr.import');

type Importer = (specifier: string) => Promise<unknown>;

export function importModule<T>(specifier: string): Promise<T> {
  const lent = (globalThis as Record<symbol, Importer | undefined>)[LENT_IMPORT];
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
