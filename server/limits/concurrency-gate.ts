/**
 * Runs at most `max` calls of `work` at once; the rest wait in arrival order. For CPU-heavy
 * work that must leave cores to the event loop (server/auth/password.ts).
 */
export function concurrencyGate(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running < max) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // a finishing call hands over its slot
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
