import { DeploymentSpec, iacOf, type AgentSpec } from "../../spec/agent-spec";
import { findDeploymentTarget, findLanguage, findMemoryNeed, findRegion } from "../../consultation/rules/extraction/deployment";
import { TARGET_LABEL } from "../../registry/tool-fit";
import type { Edit, Rule } from "./types";

/** "deploy on Lambda instead", "run it in containers", "move it to AgentCore". */
export const targetRule: Rule = ({ spec, clause }) => {
  const target = findDeploymentTarget(clause) ?? (/\b(agent ?core)\b/.test(clause) ? "agentcore" : undefined);
  if (!target) return undefined;
  if (target === spec.deployment.target) return { edits: [], notes: [`the agent already runs on ${TARGET_LABEL[target]}`] };
  // A new target starts from its own defaults; only the region and the IaC choice carry over.
  const { region, iac } = spec.deployment;
  const deployment = DeploymentSpec.parse({ target, region, ...(iac ? { iac } : {}) });
  return { edits: [{ path: "deployment", to: deployment, why: `deploys on ${TARGET_LABEL[target]} instead of ${TARGET_LABEL[spec.deployment.target]}` }] };
};

const IAC_NAME = { cloudformation: "CloudFormation", terraform: "Terraform" } as const;

/** "use Terraform", "give me Terraform instead", "back to CloudFormation". */
export const iacRule: Rule = ({ spec, clause }) => {
  const iac = /\bterraform\b/.test(clause) ? "terraform" : /\bcloud ?formation\b/.test(clause) ? "cloudformation" : undefined;
  if (!iac) return undefined;
  if (iac === iacOf(spec.deployment)) return { edits: [], notes: [`the project already deploys itself with ${IAC_NAME[iac]}`] };
  const where = iac === "terraform" ? "infra/terraform" : "infra/cloudformation.yaml";
  return { edits: [{ path: "deployment.iac", to: iac, why: `deploys itself with ${IAC_NAME[iac]} (${where}) instead of ${IAC_NAME[iacOf(spec.deployment)]}` }] };
};

/** "move it to eu-west-1", "host it in Frankfurt". */
export const regionRule: Rule = ({ spec, clause }) => {
  if (!/\b(region|move|host|deploy|run|in|to)\b/.test(clause)) return undefined;
  const region = findRegion(clause);
  if (!region) return undefined;
  if (region === spec.deployment.region) return { edits: [], notes: [`the agent already runs in ${region}`] };
  return { edits: [{ path: "deployment.region", to: region, why: `runs in ${region} instead of ${spec.deployment.region}` }] };
};

/** "use TypeScript", "rewrite it in Python". */
export const languageRule: Rule = ({ spec, clause }) => {
  if (!/\b(use|switch|rewrite|write|generate|change|in|to|port)\b/.test(clause)) return undefined;
  const language = findLanguage(clause);
  if (!language) return undefined;
  if (language === spec.language) return { edits: [], notes: [`the agent is already written in ${language}`] };
  return { edits: [{ path: "language", to: language, why: `generates the agent in ${language === "typescript" ? "TypeScript" : "Python"}` }] };
};

const MORE = /\b(increase|raise|more|bigger|larger|double|bump|boost)\b/;
const LESS = /\b(decrease|reduce|lower|less|smaller|halve|cut)\b/;
const EXPLICIT = /(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)\b/;

/** "increase memory", "give it 4 GB", "remember more of the conversation", "add long-term memory". */
export const memoryRule: Rule = ({ spec, clause }) => {
  if (!/\bmemory|\bremember|\bram\b/.test(clause)) return undefined;
  const need = findMemoryNeed(clause) ?? (/\blong[- ]term\b/.test(clause) ? "long-term" : undefined);
  if (need) {
    const type = need === "none" ? "none" : spec.deployment.target === "agentcore" ? "agentcore-memory" : "dynamodb";
    if (type === spec.memory.type) return { edits: [], notes: [`memory is already ${type}`] };
    return { edits: [{ path: "memory.type", to: type, why: need === "none" ? "makes the agent stateless" : `keeps long-term memory in ${type}` }] };
  }
  const direction = LESS.test(clause) ? 0.5 : MORE.test(clause) || EXPLICIT.test(clause) ? 2 : undefined;
  if (direction === undefined) return undefined;
  if (/\b(conversation|messages|context|history|turns)\b/.test(clause)) {
    const windowSize = clamp(Math.round(spec.memory.windowSize * direction), 1, 200);
    return { edits: [{ path: "memory.windowSize", to: windowSize, why: `keeps the last ${windowSize} messages instead of ${spec.memory.windowSize}` }] };
  }
  return deploymentMemory(spec, clause, direction);
};

function deploymentMemory(spec: AgentSpec, clause: string, factor: number) {
  const explicit = EXPLICIT.exec(clause);
  const wantedMb = explicit ? Number(explicit[1]) * (explicit[2]!.startsWith("g") ? 1024 : 1) : undefined;
  const d = spec.deployment;
  let edit: Edit;
  if (d.target === "agentcore") {
    const to = clamp(wantedMb !== undefined ? wantedMb / 1024 : d.memoryGb * factor, 0.5, 32);
    edit = { path: "deployment.memoryGb", to, why: `gives each session ${to} GB of memory instead of ${d.memoryGb} GB` };
  } else if (d.target === "lambda") {
    const to = clamp(Math.round(wantedMb ?? d.memoryMb * factor), 128, 10_240);
    edit = { path: "deployment.memoryMb", to, why: `gives the function ${to} MB of memory instead of ${d.memoryMb} MB (Lambda CPU grows with it)` };
  } else {
    const to = clamp(Math.round(wantedMb ?? d.memoryMb * factor), 512, 30_720);
    edit = { path: "deployment.memoryMb", to, why: `gives each task ${to} MB of memory instead of ${d.memoryMb} MB` };
  }
  if (edit.to === (d as Record<string, unknown>)[edit.path.split(".")[1]!]) return { edits: [], notes: ["memory is already at the limit for this target"] };
  const warnings = d.target === "ecs-fargate" ? ["Fargate accepts only some CPU/memory pairs: check the task size with the cost estimate"] : [];
  return { edits: [edit], warnings };
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
