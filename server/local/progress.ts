/** Prints what the launcher is doing and how long it took, so a first start never sits silent. */
export async function progress<T>(what: string, work: Promise<T>): Promise<T> {
  const started = performance.now();
  console.log(`${what}…`);
  const result = await work;
  console.log(`${what}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
