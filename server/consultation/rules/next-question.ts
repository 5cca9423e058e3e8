import type { ToolEntry } from "../../registry/schema";
import type { SpecDraft } from "./draft";
import { toolConfigQuestion, toolConfigTarget, toolConfigTopic } from "./extraction/tool-config";
import { isMisfitPath, misfitAt, misfitQuestion } from "./tool-misfits";

/**
 * The PM persona's questions, one per field, asked about the most important missing
 * field. Each names the kind of answer that works, so users are not left guessing.
 * `questionTopic` reads a question back: the answer "about 500" means 500 requests a
 * day only because the question before it asked about traffic.
 */

const QUESTIONS: Record<string, string> = {
  "requirements.useCase":
    "What should your agent do, and for whom? A sentence or two is enough, for example \"answer our customers' questions from our help-center articles\".",
  description:
    "What should your agent do, and for whom? A sentence or two is enough, for example \"answer our customers' questions from our help-center articles\".",
  tools:
    "Which tools or data should it use: web search, a knowledge base of your documents, running code, a database, AWS APIs or MCP servers? Say \"none\" if it only needs to talk.",
  "requirements.requestsPerDay": "Roughly how many requests a day do you expect? A guess like \"about 500 a day\" is fine.",
  "requirements.monthlyBudgetUsd": "What monthly budget should it stay within, for example \"$100 a month\"?",
  "deployment.target":
    "Where should it run: AgentCore Runtime (managed, the default), AWS Lambda (serverless) or ECS Fargate (containers)?",
  "model.id": "Which model should it use? Name one (Claude, Nova, Llama, Mistral) or tell me your budget and I will pick one.",
  systemPrompt: "How should it behave? Describe its tone and rules, or edit the system prompt beside the chat.",
  name: "What should the agent be called? A short name like \"support-agent\" works best.",
};

const GENERIC = (path: string) => `Please fill in "${path}" in the form beside the chat; I could not work it out from our conversation.`;

/**
 * The question for the most important missing field, or undefined when nothing is
 * missing. Tool settings (`tools.0.config.knowledge_base_id`) need the draft and the
 * registry to name the tool; without them the question is generic.
 */
export function nextQuestion(missing: readonly string[], ctx?: { draft: SpecDraft; tools: readonly ToolEntry[]; askedLast?: string }): string | undefined {
  // A required setting the user said "not yet" to stays missing, but is not asked again.
  const skipped = new Set(ctx?.draft.skippedPaths ?? []);
  const open = missing.filter((p) => !skipped.has(p));
  // Never the same question twice in a row: when the last answer did not settle it, move on.
  const fresh = open.filter((p) => topicOfPath(p, ctx) !== ctx?.askedLast);
  const first = fresh[0] ?? open[0];
  if (first === undefined) return undefined;
  const target = ctx && toolConfigTarget(first, ctx.draft, ctx.tools);
  if (target) return toolConfigQuestion(target.entry, target.param);
  const misfit = ctx && misfitAt(first, ctx.draft, ctx.tools);
  if (misfit) return misfitQuestion(misfit, ctx.draft);
  return QUESTIONS[first] ?? GENERIC(first);
}

/** The topic a question about `path` has (tool settings name their tool and parameter). */
function topicOfPath(path: string, ctx?: { draft: SpecDraft; tools: readonly ToolEntry[] }): string {
  const target = ctx && toolConfigTarget(path, ctx.draft, ctx.tools);
  if (target) return toolConfigTopicKey(target.entry.id, target.param.name);
  return isMisfitPath(path) ? MISFIT_TOPIC : path === "description" ? "requirements.useCase" : path;
}

/** A topic naming one tool parameter: `tool-config:<toolId>:<param>`. */
export const toolConfigTopicKey = (toolId: string, param: string) => `tool-config:${toolId}:${param}`;

/** The topic of a question about a tool that does not fit the language or target. */
const MISFIT_TOPIC = "tools.fit";

const TOPICS: [string, RegExp][] = [
  [MISFIT_TOPIC, /shall i use .+ instead\?|should i remove .+\?/],
  ["requirements.useCase", /what should (your|the|this) (agent|assistant|bot) do|describe (your|the) (agent|use case)|what (is|will) (the agent|it) (be )?(for|used for)/],
  ["tools", /which tools|tools or data|what (tools|integrations|data sources)/],
  ["requirements.requestsPerDay", /how many (requests|messages|conversations|users|queries)|requests (a|per) day|expected (traffic|volume|load)/],
  ["requirements.monthlyBudgetUsd", /budget|how much (can|do|would) you (want to )?spend|spend (per|a) month/],
  ["deployment.target", /where should it run|where (do|would) you (like|want) (it|to) (to )?(run|deploy)|deploy(ment)? target/],
  ["model.id", /which model|what model/],
  ["systemPrompt", /how should it behave|tone and rules/],
  ["name", /(should|would) (the agent|it) be called|what.{0,20}\bname\b/],
];

/** The field an assistant message asks about: the last question in it decides. */
export function questionTopic(assistantText: string, tools: readonly ToolEntry[] = []): string | undefined {
  const text = assistantText.toLowerCase();
  const questions = text.split(/(?<=\?)/).filter((s) => s.includes("?"));
  const segment = questions[questions.length - 1] ?? text;
  const config = toolConfigTopic(segment.split("\n").pop() ?? "", tools);
  // Only the question sentence itself: the confirmation before it mentions other fields.
  const last = segment.split(/\n|(?<=[.!])\s+(?=[a-z"])/).pop() ?? "";
  if (config) return toolConfigTopicKey(config.toolId, config.param);
  for (const [topic, re] of TOPICS) if (re.test(last)) return topic;
  return undefined;
}
