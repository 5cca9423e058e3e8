const CHUNK_WORDS = 3;

/** Text in chunks of a few words, so clients see a real stream of deltas. */
export function splitText(text: string): string[] {
  const words = text.split(/(?<= )/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += CHUNK_WORDS) out.push(words.slice(i, i + CHUNK_WORDS).join(""));
  return out.length > 0 ? out : [""];
}
