/**
 * Numbers in a user's words: budget ("$200 a month"), traffic ("5k requests a day") and
 * latency ("answers within 2 seconds"). Each parser reads one normalised sentence and
 * returns undefined when it is not sure, so a wrong guess never enters the spec.
 */

const NUM = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|m|thousand|million|mio)?\b`;

/** Vague quantities users write instead of digits. */
const WORD_AMOUNTS: [RegExp, number][] = [
  [/\ba couple (?:of )?hundred\b/, 200],
  [/\ba few hundred\b/, 300],
  [/\bseveral hundred\b/, 500],
  [/\bhundreds\b/, 500],
  [/\ba hundred\b/, 100],
  [/\ba couple (?:of )?thousand\b/, 2_000],
  [/\ba few thousand\b/, 3_000],
  [/\bseveral thousand\b/, 5_000],
  [/\bthousands\b/, 5_000],
  [/\ba thousand\b/, 1_000],
  [/\ba million\b/, 1_000_000],
  [/\ba few dozen\b|\bdozens\b/, 40],
  [/\ba dozen\b/, 12],
];

function toNumber(digits: string, scale: string | undefined): number {
  const base = Number(digits.replace(/,/g, ""));
  if (!scale) return base;
  return base * (scale === "k" || scale === "thousand" ? 1_000 : 1_000_000);
}

const PERIOD = String.raw`(?:a|an|per|each|every|/|a single)\s*(second|sec|minute|min|hour|hr|day|week|month|year|yr)\b`;
const DAILY = String.raw`\b(daily|a day|per day|each day|every day|/day)\b`;

/** Multiplier from "per <period>" to "per day". */
const PER_DAY: Record<string, number> = {
  second: 86_400, sec: 86_400, minute: 1_440, min: 1_440, hour: 24, hr: 24,
  day: 1, week: 1 / 7, month: 1 / 30, year: 1 / 365, yr: 1 / 365,
};
/** Multiplier from "per <period>" to "per month". */
const PER_MONTH: Record<string, number> = { day: 30, week: 30 / 7, month: 1, year: 1 / 12, yr: 1 / 12 };

const TRAFFIC_NOUN = String.raw`(?:requests?|queries|query|questions?|messages?|conversations?|chats?|tickets?|calls?|users?|customers?|visitors?|sessions?|interactions?|emails?|invocations?|runs?|reports?|documents?|docs|transcripts?|meetings?|tasks?|searches|lookups?|employees?|students?|people|analyses|incidents?|alerts?|events?|orders?|jobs?|files?|images?|pages?|leads?|notifications?|records?|transactions?|posts?|articles?|submissions?|applications?|claims?|invoices?|receipts?|prs?|pull requests?)`;

const round = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 100) / 100);

/** "5k requests a day", "2,000 tickets per week", "about 300 daily users". */
export function parseTraffic(sentence: string, bare = false): number | undefined {
  const withPeriod = new RegExp(`${NUM}(?:\\s+[a-z-]+){0,3}?\\s+${TRAFFIC_NOUN}\\s*(?:[a-z]+\\s+){0,2}?${PERIOD}`);
  const m = withPeriod.exec(sentence);
  if (m && !isMoney(sentence, m.index)) return round(toNumber(m[1]!, m[2]) * PER_DAY[m[3]!]!);
  const daily = new RegExp(`${NUM}\\s+(?:[a-z-]+\\s+){0,2}?${TRAFFIC_NOUN}\\s+${DAILY}|${NUM}\\s+daily\\s+(?:[a-z-]+\\s+){0,1}?${TRAFFIC_NOUN}`);
  const d = daily.exec(sentence);
  if (d && !isMoney(sentence, d.index)) return round(toNumber((d[1] ?? d[4])!, d[2] ?? d[5]));
  // "around 300 a day": no noun, but a daily rate that is not money is traffic.
  const rate = new RegExp(`${NUM}\\s+(?:a|per|each|every|/)\\s*(day|hour|minute)\\b`).exec(sentence);
  if (rate && !isMoney(sentence, rate.index)) {
    return round(toNumber(rate[1]!, rate[2]) * PER_DAY[rate[3]!]!);
  }
  if (!bare) return undefined;
  // An answer to "how many requests a day?": a number alone, with or without a period.
  const n = new RegExp(`${NUM}(?:\\s*(?:[a-z-]+\\s+){0,3}?${PERIOD})?`).exec(sentence);
  if (n && !isMoney(sentence, n.index)) return round(toNumber(n[1]!, n[2]) * (n[3] ? PER_DAY[n[3]]! : 1));
  const vague = wordAmount(sentence);
  if (vague === undefined) return undefined;
  const period = new RegExp(PERIOD).exec(sentence);
  return round(vague * (period ? PER_DAY[period[1]!]! : 1));
}

const MONEY_BEFORE = /(?:\$|usd|us\$)\s*$/;
function isMoney(sentence: string, index: number): boolean {
  return MONEY_BEFORE.test(sentence.slice(Math.max(0, index - 4), index));
}

function wordAmount(sentence: string): number | undefined {
  for (const [re, value] of WORD_AMOUNTS) if (re.test(sentence)) return value;
  return undefined;
}

/** "$200 a month", "budget of 1.5k USD", "under 50 dollars monthly", "$2,400 per year". */
export function parseBudget(sentence: string, bare = false): number | undefined {
  const money = new RegExp(
    String.raw`(?:\$|usd\s*|us\$)\s*${NUM}|${NUM}\s*(?:dollars|usd|bucks|\$)`,
  );
  // "budget 1k/month", "budget of 300": the word budget makes a plain number money.
  const budgetWord = new RegExp(String.raw`\bbudget(?: is| of| around| about| at| ~|:)*\s*~?${NUM}`);
  const m = money.exec(sentence) ?? budgetWord.exec(sentence);
  if (!m) return undefined;
  const amount = toNumber((m[1] ?? m[3])!, m[2] ?? m[4]);
  const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 30);
  if (new RegExp(`^\\s*(?:[a-z-]+\\s+){0,1}${TRAFFIC_NOUN}\\b`).test(after)) return undefined;
  const period = new RegExp(`^\\s*(?:[a-z]+\\s+){0,1}?${PERIOD}`).exec(after);
  if (period) {
    const factor = PER_MONTH[period[1]!];
    return factor === undefined ? undefined : round(amount * factor);
  }
  if (/^\s*(?:monthly|a mo\b|\/mo\b|pm\b)/.test(after)) return round(amount);
  if (/^\s*(?:yearly|annually|a year)/.test(after)) return round(amount / 12);
  if (/^\s*(?:per|a|each)\s+(?:request|query|call|message|conversation|user|ticket)\b/.test(after)) return undefined;
  // A bare amount counts as monthly only where the sentence is about the budget.
  return bare || /\b(budget|spend|afford|cost|costs|pay|cap|limit|max(imum)?)\b/.test(sentence) ? round(amount) : undefined;
}

/** "replies within 2 seconds", "latency under 800 ms", "respond in less than 1.5s". */
export function parseLatency(sentence: string, bare = false): number | undefined {
  if (!bare && !/\b(latency|respon[ds]\w*|repl(y|ies)|answers?|fast|quick\w*|seconds?|ms|within|under)\b/.test(sentence)) return undefined;
  const re = /(?:under|within|below|less than|faster than|at most|max(?:imum)?|in|<|of|about|around|~)?\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?)\b/;
  const m = re.exec(sentence);
  if (!m) return undefined;
  const context = sentence.slice(Math.max(0, m.index - 60), m.index + m[0].length + 40);
  if (!bare && !/\b(latency|respon[ds]\w*|repl(y|ies)|answer\w*|fast|quick\w*|wait)\b/.test(context)) return undefined;
  if (/timeout|time out|every\s*$/.test(sentence.slice(Math.max(0, m.index - 20), m.index))) return undefined;
  const value = Number(m[1]);
  return /^ms|^milli/.test(m[2]!) ? value : value * 1_000;
}
