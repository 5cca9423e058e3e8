import type { DeploymentTarget } from "../../../spec/agent-spec";
import { findMentions } from "./text";

/**
 * Deployment, language, region and memory words. When several targets are named the
 * last positive mention wins, so "Lambda — actually no, Fargate" ends on Fargate.
 */

/** A platform word counts only as where to run the agent, not as a resource it manages ("restart ECS services"). */
const PLATFORM_WORD = String.raw`(lambda|fargate|ecs|docker|kubernetes|k8s|agent ?core|containers?)\b(?!\s+(?:services?|clusters?|tasks?|functions? (?:in|of|across)|logs|errors|metrics|costs?|usage))`;
const IN_CONTEXT = new RegExp(String.raw`\b(?:deploy\w*|run|runs|running|host\w*|ship\w*|put|on|to|as|in|using|via|inside|with|prefer)\s+(?:[a-z']+\s+){0,3}?(?:aws\s+|amazon\s+|bedrock\s+)?${PLATFORM_WORD}`);

const TARGET_OF: Record<string, DeploymentTarget> = {
  lambda: "lambda", fargate: "ecs-fargate", ecs: "ecs-fargate", docker: "ecs-fargate", kubernetes: "ecs-fargate",
  k8s: "ecs-fargate", container: "ecs-fargate", containers: "ecs-fargate", agentcore: "agentcore", "agent core": "agentcore",
};

const TARGETS: [DeploymentTarget, RegExp][] = [
  ["lambda", /\bserverless\b|\bfunctions? as a service\b|\bfaas\b/],
  ["ecs-fargate", /\bcontaineri[sz]ed\b|\blong-running service\b/],
  ["agentcore", /\bbedrock agent ?core\b|\bagentcore runtime\b|\bmanaged agent runtime\b/],
];

export function findDeploymentTarget(text: string): DeploymentTarget | undefined {
  const direct = lastPositive(text, TARGETS);
  let inContext: Positioned<DeploymentTarget> | undefined;
  for (const m of findMentions(text, IN_CONTEXT)) {
    const target = TARGET_OF[m.match[1]!];
    if (target && !m.negated && (!inContext || m.index >= inContext.at)) inContext = { value: target, at: m.index };
  }
  if (direct && (!inContext || direct.at > inContext.at)) return direct.value;
  return inContext?.value;
}

type Positioned<T> = { value: T; at: number };

function lastPositive<T>(text: string, options: [T, RegExp][]): Positioned<T> | undefined {
  let best: Positioned<T> | undefined;
  for (const [value, re] of options) {
    for (const m of findMentions(text, re)) {
      if (!m.negated && (!best || m.index >= best.at)) best = { value, at: m.index };
    }
  }
  return best;
}

const LANGUAGES: ["python" | "typescript", RegExp][] = [
  ["typescript", /\b(typescript|javascript|node(\.?js)?|deno|bun)\b|\bin ts\b/],
  ["python", /\bpython\b/],
];

export const findLanguage = (text: string) => lastPositive(text, LANGUAGES)?.value;

const REGION_NAMES: [string, RegExp][] = [
  ["us-east-1", /\b(n(orth(ern)?)?\.? virginia|us[- ]east)\b/],
  ["us-east-2", /\bohio\b/],
  ["us-west-2", /\boregon|us[- ]west\b/],
  ["eu-west-1", /\b(ireland|dublin)\b/],
  ["eu-west-2", /\b(london|uk region)\b/],
  ["eu-west-3", /\bparis\b/],
  ["eu-central-1", /\b(frankfurt|germany)\b/],
  ["eu-north-1", /\bstockholm\b/],
  ["ap-northeast-1", /\btokyo\b/],
  ["ap-southeast-1", /\bsingapore\b/],
  ["ap-southeast-2", /\bsydney\b/],
  ["ap-south-1", /\bmumbai\b/],
  ["ca-central-1", /\bcanada\b/],
  ["sa-east-1", /\bs(a|ã)o paulo\b/],
];

const REGION_CODE = /\b((?:us|eu|ap|ca|sa|me|af|il|mx)-(?:gov-)?[a-z]+-\d)\b/;

export function findRegion(text: string): string | undefined {
  const code = lastPositive(text, [["code", REGION_CODE]]);
  const named = lastPositive(text, REGION_NAMES);
  if (code && (!named || code.at >= named.at)) return REGION_CODE.exec(text.slice(code.at))?.[1];
  if (named) return named.value;
  // "in Europe" / "EU only" without a city: the most used EU region.
  return lastPositive(text, [["eu-west-1", /\b(in europe|eu (only|region|data residency)|european (region|data))\b/]])?.value;
}

export type MemoryNeed = "long-term" | "none";

export function findMemoryNeed(text: string): MemoryNeed | undefined {
  return lastPositive<MemoryNeed>(text, [
    ["long-term", /\b(remember(s|ing)? (previous|past|earlier|prior|their|the user'?s?|customers'?|users'?) (conversations|chats|preferences|history|interactions)|long[- ]term memory|persistent memory|remember(s)? (users|customers|people) across|remember(s|ing)? (returning|regular|repeat) (customers|users|visitors)|remembers? (what (i|they|the user|users) (like|said|prefer))|remembers? each (customer|user)'?s?)/],
    ["none", /\b(stateless|no memory|doesn'?t need (to remember|memory)|forget(s)? (everything|between))/],
  ])?.value;
}
