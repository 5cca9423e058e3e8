import { findAgentName, toAgentName } from "../extraction/compose";
import { parseBudget, parseLatency, parseTraffic } from "../extraction/numbers";
import { sentences } from "../extraction/text";
import type { Edit, Rule } from "./types";

/** "we now expect 10k requests a day", "our budget is $500 a month", "reply within 2 s". */
export const requirementsRule: Rule = ({ spec, clause }) => {
  const edits: Edit[] = [];
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
