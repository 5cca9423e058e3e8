import { DeniedTopic } from "../../../spec/guardrails";
import { capitalize, normalize } from "./text";

/**
 * Topics the user says the agent must stay off, as guardrail denied topics (spec.guardrails):
 * "never give medical, legal or financial advice" (three topics), "don't talk about
 * competitors", "must not discuss politics", "stay away from religion", "no salary talk".
 * Each gets a name Bedrock accepts and a one-line definition; the Guardrails section can
 * refine them. "don't" alone is not enough: the verb must be about talking or advising.
 */

const NOT = String.raw`(?:(?:do not|don'?t) want (?:it|them|the (?:agent|bot|assistant)) to|never|don'?t|do not|doesn'?t|does not|must not|mustn'?t|must never|should not|shouldn'?t|should never|may not|cannot|can'?t|won'?t|will not|is not allowed to|are not allowed to|not allowed to|refuse to|avoid|no)`;
/** "never give medical/legal advice", "must not offer any investment recommendations". */
const ADVICE = new RegExp(String.raw`\b${NOT}\s+(?:ever\s+)?(?:give|gives|giving|provide|provides|providing|offer|offers|offering|dispense|dispenses|share|shares|sharing|hand out|hands out)\s+(?:out\s+)?(?:any\s+)?((?:[a-z-]+(?:\s*(?:/|,|or|and|,\s*or|,\s*and)\s*)?){1,6}?)\s*(advice|recommendations|opinions|guidance|diagnos[ie]s)\b`, "g");
/** "don't talk about competitors", "must not discuss politics or religion", "never mention pricing". */
const TALK = new RegExp(String.raw`\b${NOT}\s+(?:ever\s+)?(?:talk(?:s|ing)?|speak(?:s|ing)?|chat(?:s|ting)?|comment(?:s|ing)?|joke|jokes|joking|get(?:s|ting)? into)\s+(?:about|on)\s+([^.;:!?()]{2,80})|\b${NOT}\s+(?:ever\s+)?(?:discuss(?:es|ing)?|mention(?:s|ing)?|bring(?:s|ing)? up|debate|debates|debating)\s+([^.;:!?()]{2,80})|\bstay(?:s)? (?:away from|off(?: the (?:topic|subject) of)?)\s+([^.;:!?()]{2,80})`, "g");

/** "must never diagnose illnesses or recommend medication": what the agent must not do, led by the verb. */
const ACT_VERBS: Record<string, string> = { diagnose: "Diagnosing", prescribe: "Prescribing", recommend: "Recommending", suggest: "Suggesting", promise: "Promising", guarantee: "Guaranteeing" };
const ACT_VERB = String.raw`(?:diagnose|prescribe|recommend|suggest|promise|guarantee)s?`;
const ACT = new RegExp(String.raw`\b${NOT}\s+(?:ever\s+)?(${ACT_VERB}\s+[^.;:!?()]{2,80})`);
/** Where a second prohibition starts inside one clause ("… and should never …"). */
const NEXT_PROHIBITION = new RegExp(String.raw`\s+(?:and|or|but)\s+(?=(?:it\s+|they\s+|the (?:agent|bot|assistant)\s+)?${NOT}\s)`);
/** Splits "diagnose illnesses or recommend medication" at each verb. */
const ACT_SPLIT = new RegExp(String.raw`\s*,?\s*\b(?:or|and|nor)\s+(?=${ACT_VERB}\b)`);

const STOP_TAIL = /\s+(?:with|to|for|in|on|at|when|if|because|unless|even|since|as|so|but|and (?:be|keep|answer|reply|use|always|escalate)|,).*$/;
const LEAD = /^(?:any|the|our|their|its|anything (?:about|related to)|topics? (?:like|such as)|things like)\s+/;

const topicName = (words: string) => capitalize(words).replace(/[^0-9a-zA-Z\-_ !?.]/g, " ").replace(/\s+/g, " ").trim().slice(0, 100);

function topic(subject: string, kind: "advice" | "talk", noun = "advice"): DeniedTopic | null {
  const s = subject.replace(LEAD, "").trim();
  if (!s || s.split(" ").length > 6) return null;
  const name = topicName(kind === "advice" ? `${s} ${noun}` : s);
  const definition = kind === "advice" ? `Giving ${s} ${noun}: what a qualified professional should decide for the user.` : `Conversations about ${s}.`;
  const parsed = DeniedTopic.safeParse({ name, definition: definition.slice(0, 200) });
  return parsed.success && name.length >= 3 ? parsed.data : null;
}

/** "don't talk about dating, and do not discuss drugs": each clause on its own, so one capture never swallows the next. */
const clauses = (text: string) => text.split(/\s*(?:[;]|,\s*(?:and|but)\s|\bbut\s)\s*/);

/** Splits "medical, legal or financial" into its parts. */
const parts = (list: string) => list.split(/\s*(?:\/|,\s*(?:or|and)?|\bor\b|\band\b)\s*/).map((p) => p.trim()).filter(Boolean);

export function findDeniedTopics(original: string): DeniedTopic[] {
  const text = normalize(original);
  const out: DeniedTopic[] = [];
  const add = (t: DeniedTopic | null) => t && !out.some((o) => o.name.toLowerCase() === t.name.toLowerCase()) && out.push(t);
  for (const m of text.matchAll(ADVICE)) {
    const noun = m[2]!.startsWith("diagnos") ? "diagnoses" : m[2]!;
    const subjects = parts(m[1]!.trim());
    if (subjects.length === 0) add(topic("personal", "advice", noun));
    for (const s of subjects) add(topic(s, "advice", noun));
  }
  for (const m of clauses(text).flatMap((clause) => [...clause.matchAll(TALK)])) {
    const subject = (m[1] ?? m[2] ?? m[3] ?? "").replace(STOP_TAIL, "").trim();
    for (const s of parts(subject)) add(topic(s, "talk"));
  }
  // "must not prescribe drugs and should never promise delivery dates": one prohibition per part.
  for (const clause of clauses(text).flatMap((c) => c.split(NEXT_PROHIBITION))) {
    const m = ACT.exec(clause);
    if (m) for (const act of m[1]!.split(ACT_SPLIT)) add(actTopic(act));
  }
  return out.slice(0, 30);
}

/** "recommend medication" → "Recommending medication"; the object's own words, at most six of them. */
function actTopic(act: string): DeniedTopic | null {
  const [verb = "", ...rest] = act.replace(STOP_TAIL, "").trim().split(/\s+/);
  const gerund = ACT_VERBS[verb.replace(/s$/, "")];
  const object = rest.join(" ").replace(LEAD, "").trim();
  if (!gerund || !object || object.split(" ").length > 6) return null;
  const name = topicName(`${gerund} ${object}`);
  const parsed = DeniedTopic.safeParse({ name, definition: `${gerund} ${object}: the agent declines and refers the user to a person.`.slice(0, 200) });
  return parsed.success && name.length >= 3 ? parsed.data : null;
}
