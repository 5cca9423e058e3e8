/**
 * Prints what the launcher is doing and how long it took, so a first start never sits silent.
 * "at N s" is the time since the process started, so overlapping phases can be read as a timeline.
 */
export async function progress<T>(what: string, work: Promise<T>): Promise<T> {
  const started = performance.now();
  console.log(`${what}…`);
  const result = await work;
  const done = performance.now();
  console.log(`${what}: done in ${seconds(done - started)} s (at ${seconds(done)} s)`);
  return result;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
