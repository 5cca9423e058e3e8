import { normalize } from "./text";

/**
 * What the user's words ask of the agent's behaviour rather than its tools: the languages
 * it answers in, its tone, when it escalates to a human and which of the team's own APIs
 * it calls. Each becomes one line of the system prompt ("prompt needs"), so a later
 * request replaces the line instead of piling up contradicting instructions.
 */

/** Each language by its English name and its names in the languages users most often write in (es, fr, de, it, pt). */
const LANGUAGES: [string, RegExp][] = [
  ["English", /\b(english|inglés|ingles|anglais|englisch|inglese|inglês)\b/],
  ["Spanish", /\b(spanish|español|espanol|castellano|espagnol|spanisch|spagnolo|espanhol)\b/],
  ["French", /\b(french|français|francais|francés|frances|französisch|francese|francês)\b/],
  ["German", /\b(german|deutsch|alemán|aleman|allemand|tedesco|alemão)\b/],
  ["Italian", /\b(italian|italiano|italien|italienisch)\b/],
  ["Portuguese", /\b(portuguese|português|portugues|portugués|portugais|portugiesisch|portoghese)\b/],
  ["Dutch", /\b(dutch|nederlands|holandés|néerlandais|niederländisch|olandese)\b/],
  ["Polish", /\b(polish|polski|polaco|polonais|polnisch|polacco)\b/],
  ["Japanese", /\b(japanese|japonés|japonais|japanisch|giapponese)\b|日本語/],
  ["Chinese", /\b(chinese|mandarin|chino|chinois|chinesisch|cinese)\b|中文/],
  ["Korean", /\b(korean|coreano|coréen|koreanisch)\b/],
  ["Arabic", /\b(arabic|árabe|arabe|arabisch)\b/],
  ["Hindi", /\bhindi\b/],
  ["Swedish", /\b(swedish|svenska|sueco|suédois|schwedisch|svedese)\b/],
  ["Turkish", /\b(turkish|türkçe|turco|turc|türkisch)\b/],
];

const TONES: [string, RegExp][] = [
  ["formal", /\b(formal|businesslike)\b/],
  ["professional", /\bprofessional\b/],
  ["friendly", /\b(friendly|friendlier|warm|warmer|approachable)\b/],
  ["playful", /\b(playful|fun|humou?rous)\b/],
  // "a one-page brief" is a document, not a tone: only "be brief", "brief answers".
  ["concise", /\b(concise|terse|shorter|briefly)\b|\b(be|keep it|stay) brief\b|\bbrief (answers|replies|responses)\b/],
  ["encouraging", /\b(encouraging|supportive)\b/],
  ["patient", /\bpatient\b/],
  ["empathetic", /\b(empathetic|empathic|compassionate)\b/],
  ["casual", /\bcasual\b/],
];

export type PromptNeeds = {
  languages: string[];
  tones: string[];
  /** "escalate to a human by sending a Slack message when the customer is angry" */
  escalation?: { when?: string; via?: string };
  /** `tool`: the API tool (apiTools operation) the endpoint became; without one the HTTP request tool calls it. */
  apis: { url: string; what: string; tool?: string }[];
};

const PLAIN_ENGLISH = /\bplain english\b|\bin english\b(?= (?:to|and) (?:ask|query|questions))/;

export function readPromptNeeds(original: string): PromptNeeds {
  const text = normalize(original).replace(PLAIN_ENGLISH, "");
  let languages = LANGUAGES.filter(([, re]) => re.test(text)).map(([name]) => name);
  // "answer in English" alone is the default, not a need; with another language it is.
  if (languages.length === 1 && languages[0] === "English") languages = [];
  const tones = TONES.filter(([, re]) => re.test(text)).map(([name]) => name);
  return { languages, tones, escalation: findEscalation(text), apis: findApis(original) };
}

/** The verb of an escalation in any inflection; "hand the conversation over", "pings the on-call engineer". */
const ESCALATE = /\b(escalat\w*|hand(?:s|ed|ing)? (?:[\w'-]+ ){0,3}?(?:off|over)|pass(?:es|ed|ing)? (?:[\w'-]+ ){0,3}?(?:on )?to|transfer(?:s|red|ring)? (?:[\w'-]+ ){0,3}?to|passa a|ping(?:s|ed|ing)?|pag(?:e|es|ed|ing))\b[^.;]*?\b(human|person|operator|operatore|agent|engineer|on-call|team|manager|someone)\b/;

function findEscalation(text: string): PromptNeeds["escalation"] {
  const m = ESCALATE.exec(text) ?? (/\b(escalat\w*)\b/.exec(text) as RegExpExecArray | null);
  if (!m) return undefined;
  const rest = text.slice(m.index);
  const when = /\b(?:when|if|whenever|once)\s+([^.;,]+)/.exec(rest)?.[1]?.trim() ?? /\b(?:when|if|whenever)\s+([^.;,]+)/.exec(text)?.[1]?.trim();
  const via = /\b(slack|email|e-mail|jira|servicenow|a ticket|teams|phone)\b/.exec(rest)?.[1];
  return { when, via };
}

const URL_RE = /\bhttps?:\/\/[^\s)"'<>,]+[^\s)"'<>,.;:!?]/g;

/** Words that say a URL is something to call, not a site named as a setting's value. */
const CALL_WORDS = /\b(apis?|endpoints?|rest|webhooks?|graphql|calls?|call(ing)?|look\w* up|fetch\w*|quer(y|ies)|post|get|send|check|services?|json)\b/i;

/** A URL with a path or a {placeholder} is an endpoint; a bare host is an endpoint only when the words say so. */
const isEndpoint = (url: string, before: string) => /^https?:\/\/[^/]+\/[^\s]*[\w{}]/.test(url) || CALL_WORDS.test(before);

/** URLs the user gives for the agent to call, with the words around them as what it is for. */
function findApis(original: string): PromptNeeds["apis"] {
  const out: PromptNeeds["apis"] = [];
  for (const m of original.matchAll(URL_RE)) {
    const sentence = original.slice(Math.max(0, original.lastIndexOf(".", m.index - 1) + 1), m.index).replace(/\(|\bat\s*$/g, "").trim();
    if (!isEndpoint(m[0], sentence)) continue;
    const what = sentence.replace(/^(also|and|then|please|i want|we need|it should)\s+/i, "").replace(/\s+(at|via|from|on)\s*$/i, "").slice(-140).trim();
    out.push({ url: m[0], what: what || "the team's API" });
  }
  return out;
}

/** The managed prompt lines for the needs found, each starting with its own label. */
export function promptNeedLines(needs: PromptNeeds): string[] {
  const lines: string[] = [];
  if (needs.languages.length) {
    const all = [...needs.languages.filter((l) => l !== "English"), "English"];
    lines.push(`Languages: you answer in ${all.slice(0, -1).join(", ")} and ${all.at(-1)}; reply in the language the user writes in.`);
  }
  if (needs.tones.length) lines.push(`Tone: be ${needs.tones.join(", ")}.`);
  if (needs.escalation) {
    const via = needs.escalation.via ? ` by ${needs.escalation.via === "slack" ? "sending a Slack message" : `using ${needs.escalation.via}`}` : "";
    lines.push(`Escalation: escalate to a human${via}${needs.escalation.when ? ` when ${needs.escalation.when}` : " when you cannot help"}; tell the user you did.`);
  }
  for (const api of needs.apis) {
    lines.push(api.tool ? `API: ${api.what} — use the ${api.tool} tool, which calls ${api.url}.` : `API: ${api.what} — call ${api.url} with the HTTP request tool (replace {placeholders} with the values from the conversation).`);
  }
  return lines;
}

/** Adds or replaces the labelled lines in a prompt ("Languages: …" replaces "Languages: …"). */
export function withPromptLines(prompt: string, lines: string[]): string {
  let next = prompt.trimEnd();
  for (const line of lines) {
    const label = line.slice(0, line.indexOf(":") + 1);
    const existing = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} .*$`, "m");
    if (label !== "API:" && existing.test(next)) next = next.replace(existing, line);
    else if (!next.includes(line)) next = `${next}\n${line}`;
  }
  return next;
}
