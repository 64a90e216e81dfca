/**
 * Every function of the model modules, bound to a backend's handle: each `(handle, ...args)` becomes
 * `(...args) => run(query, args)`, where `run` calls it on the handle the backend holds (and may wait for its turn).
 * A function name used twice across the modules is refused, as the queries are one flat object.
 */
export function bindQueries(
  modules: ReadonlyArray<Record<string, unknown>>,
  run: (query: (handle: never, ...args: unknown[]) => unknown, args: unknown[]) => Promise<unknown>,
): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const queries: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const module of modules) {
    for (const [name, query] of Object.entries(module)) {
      if (typeof query !== "function") continue;
      if (name in queries) throw new Error(`two model queries are called ${name}`);
      queries[name] = (...args) => run(query as (handle: never, ...args: unknown[]) => unknown, args);
    }
  }
  return queries;
}
