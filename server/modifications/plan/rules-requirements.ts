import { findAgentName, toAgentName } from "../../consultation/rules/extraction/compose";
import { parseBudget, parseLatency, parseTraffic } from "../../consultation/rules/extraction/numbers";
import { sentences } from "../../consultation/rules/extraction/text";
import type { Edit, Rule } from "./types";

/** "we now expect 10k requests a day", "our budget is $500 a month", "reply within 2 s". */
export const requirementsRule: Rule = ({ spec, clause }) => {
  const edits: Edit[] = [];
  const factor = trafficFactor(clause);
  if (factor !== undefined) {
    const now = spec.requirements.requestsPerDay;
    if (now === undefined) return { edits: [], notes: [`the spec has no traffic figure yet to multiply by ${factor}; say how many requests a day to expect`] };
    const next = Math.round(now * factor);
    return { edits: [{ path: "requirements.requestsPerDay", to: next, why: `plans for ${factor}× the traffic: about ${next.toLocaleString("en-US")} requests a day` }] };
  }
  for (const s of sentences(clause)) {
    const traffic = parseTraffic(s);
    const budget = parseBudget(s);
    const latency = parseLatency(s);
    if (traffic !== undefined && traffic !== spec.requirements.requestsPerDay) {
      edits.push({ path: "requirements.requestsPerDay", to: traffic, why: `plans for about ${traffic.toLocaleString("en-US")} requests a day` });
    }
    if (budget !== undefined && budget !== spec.requirements.monthlyBudgetUsd) {
      edits.push({ path: "requirements.monthlyBudgetUsd", to: budget, why: `keeps the agent within $${budget.toLocaleString("en-US")} a month` });
    }
    if (latency !== undefined && latency !== spec.requirements.latencyTargetMs) {
      edits.push({ path: "requirements.latencyTargetMs", to: latency, why: `targets replies within ${latency} ms` });
    }
  }
  return edits.length ? { edits } : undefined;
};

/** "rename it to Atlas", "call it 'helpdesk-hero'". */
export const nameRule: Rule = ({ spec, original }) => {
  if (!/\b(rename|call it|name it|named)\b/i.test(original)) return undefined;
  const plain = /\b(?:rename (?:it |the agent )?to|call it|name it)\s+["'\u201c]?([\w-]{2,48})/i.exec(original)?.[1];
  const name = findAgentName(original.replace(/\brename (?:it |the agent )?to\b/i, "call it")) ?? (plain ? toAgentName(plain) : undefined);
  if (!name) return { edits: [], notes: ["the new name must give 3–48 lowercase letters, digits and dashes"] };
  if (name === spec.name) return { edits: [], notes: [`the agent is already called ${name}`] };
  return { edits: [{ path: "name", to: name, why: `renames the agent from ${spec.name} to ${name}` }] };
};

const WORD_FACTORS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twice: 2, double: 2, triple: 3, quadruple: 4 };
const TRAFFIC = String.raw`(traffic|requests|users|load|volume|usage|chats|conversations|queries|messages|customers)`;

/** "10x more traffic", "traffic will double", "three times more users", "half the traffic". */
export function trafficFactor(clause: string): number | undefined {
  if (!new RegExp(`\\b${TRAFFIC}\\b`).test(clause)) return undefined;
  const times = /\b(\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)\s*(?:x|×|times)\b/.exec(clause);
  if (times) return Number(times[1]) || WORD_FACTORS[times[1]!];
  const verb = /\b(double|doubles|doubled|doubling|twice|triple|triples|tripled|quadruple)\b/.exec(clause)?.[1];
  if (verb) return WORD_FACTORS[verb.replace(/(s|d|ling|ing)$/, "").replace(/doub$/, "double").replace(/tripl$/, "triple")] ?? (verb.startsWith("doub") ? 2 : 3);
  if (/\b(half|halve|halved|halves)\b/.test(clause)) return 0.5;
  return undefined;
}
