import { useCallback, useEffect, useState } from "react";

/**
 * `value` once it has stopped changing for `ms`, so typing does not fire a request per key.
 * `flush` settles a value at once (a change made by the app, not typed).
 */
export function useDebounced<T>(value: T, ms: number): [settled: T, flush: (v: T) => void] {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, settled, ms]);
  const flush = useCallback((v: T) => setSettled(() => v), []);
  return [settled, flush];
}
