import type { Rule } from "./types";

/**
 * "make the prompt more formal / shorter / friendlier". The style lives in one managed
 * "Style:" line of the system prompt, so asking twice replaces it instead of piling up
 * contradicting instructions; "shorter" compacts the prompt itself.
 */
const STYLES: [RegExp, string, string][] = [
  [/\b(more )?(formal|professional|businesslike)\b/, "formal", "Use a formal, professional tone: no slang, no emojis, no contractions."],
  [/\b(more )?(friendl(y|ier)|warm(er)?|casual|relaxed|approachable|conversational)\b/, "friendly", "Use a warm, friendly and approachable tone; keep it professional."],
  [/\b(more )?(concise|brief|terse|to the point)\b|\bshorter (answers|replies|responses)\b/, "concise", "Be concise: keep replies to at most three sentences unless the user asks for detail."],
  [/\b(more )?(detailed|thorough|in-depth|longer (answers|replies|responses))\b/, "detailed", "Give thorough, well-structured answers with the reasoning and examples behind them."],
  [/\b(more )?(empathetic|patient|kind(er)?)\b/, "empathetic", "Acknowledge the user's situation and feelings before solving the problem."],
];

const STYLE_LINE = /^Style: .*$/m;

export const promptRule: Rule = ({ spec, clause }) => {
  if (!/\b(prompt|tone|voice|style|sound|answers?|replies|responses|persona|instructions)\b/.test(clause) && !/\bmake it\b/.test(clause)) return undefined;
  const prompt = spec.systemPrompt;
  if (/\bshorter\b|\bshorten\b|\bcompact\b/.test(clause) && /\b(prompt|instructions)\b/.test(clause)) {
    const shorter = compact(prompt);
    if (shorter === prompt) return { edits: [], notes: ["the prompt is already compact"] };
    return { edits: [{ path: "systemPrompt", to: shorter, why: `shortens the system prompt from ${prompt.length} to ${shorter.length} characters` }] };
  }
  const style = STYLES.find(([re]) => re.test(clause));
  if (!style) return undefined;
  const line = `Style: ${style[2]}`;
  const next = STYLE_LINE.test(prompt) ? prompt.replace(STYLE_LINE, line) : `${prompt.trimEnd()}\n\n${line}`;
  if (next === prompt) return { edits: [], notes: [`the prompt already asks for a ${style[1]} style`] };
  return { edits: [{ path: "systemPrompt", to: next, why: `makes the agent's style ${style[1]}` }] };
};

/** Drops blank-line padding, bullet lists past their first four items and very long lines' tails. */
function compact(prompt: string): string {
  const out: string[] = [];
  let bullets = 0;
  for (const raw of prompt.split("\n")) {
    const line = raw.trimEnd();
    if (!line) {
      bullets = 0;
      continue;
    }
    if (/^\s*[-*] /.test(line) && ++bullets > 4) continue;
    out.push(line.length > 240 ? `${line.slice(0, 237).replace(/\s+\S*$/, "")}…` : line);
  }
  return out.join("\n");
}
