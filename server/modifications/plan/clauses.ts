import { normalize } from "../../consultation/rules/extraction/text";

export type Clause = { text: string; original: string; verb?: "add" | "remove" };

const ADD = /\b(add|adds|adding|include|enable|give it|needs?|want|also (use|have)|plus|with)\b/;
const REMOVE = /\b(remove|drop|delete|disable|without|no longer|get rid of|stop using|take out)\b/;

/**
 * Splits a change request into clauses ("add web search and deploy on Lambda") and
 * carries the last add/remove verb forward ("remove web search and code execution").
 */
export function splitClauses(request: string): Clause[] {
  const parts = request
    .split(/[;\n]|[,.](?=\s)|\s+(?:and|then|also|plus)\s+(?=(?:add|remove|drop|use|switch|deploy|make|move|change|set|rename|call|increase|decrease|reduce|run|include|enable|disable|give)\b)/i)
    .map((p) => p.trim())
    .filter(Boolean)
    // "when the customer is upset, escalate to a human": the condition belongs to its clause.
    .reduce<string[]>((out, part) => {
      const last = out[out.length - 1];
      if (last !== undefined && /^(when|if|whenever|once|in case)\b/i.test(last) && !/[.;]$/.test(last)) out[out.length - 1] = `${last}, ${part}`;
      else out.push(part);
      return out;
    }, []);
  let verb: Clause["verb"];
  return parts.map((original) => {
    const text = normalize(original);
    if (REMOVE.test(text)) verb = "remove";
    else if (ADD.test(text)) verb = "add";
    else if (/\b(use|switch|deploy|make|move|change|set|rename|call|increase|decrease|run)\b/.test(text)) verb = undefined;
    return { text, original, verb };
  });
}
