/**
 * Composition of SST `transform` arguments. SST accepts either a partial object (merged
 * shallowly) or a callback; a platform-wide policy must run AFTER whatever a component set,
 * so it can never be undone by a later spread.
 */
export type Transform<T> = Partial<T> | ((args: T, opts: any, name: string) => undefined);

export function composeTransform<T extends object>(first: Transform<T> | undefined, then: (args: T) => void): (args: T, opts: any, name: string) => undefined {
  return (args, opts, name) => {
    if (typeof first === "function") first(args, opts, name);
    else if (first) Object.assign(args, first);
    then(args);
    return undefined;
  };
}

type Logging = false | { retention?: string; logGroup?: string; format?: "text" | "json" } | undefined;

/** JSON logs with a fixed retention, unless the caller sends them to its own log group. */
export function withLogPolicy<L extends Logging>(logging: L, retention: string): L | { retention: string; format: "text" | "json" } {
  if (logging === false) return logging;
  if (logging?.logGroup) return logging;
  return { ...logging, retention, format: logging?.format ?? "json" };
}
