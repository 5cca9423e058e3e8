import { z } from "zod";
import { DomainError } from "../errors";
import type { SpecRegistry } from "./rules";
import { AgentCoreDeployment, AgentName, IacTool, AgentSpec, ConfigValue, MemorySpec, ModelChoice, RequirementsSpec, ToolChoice } from "../spec/agent-spec";

/**
 * The spec fields a user may edit in the Consultation tab, each with the AgentSpec schema
 * of that field, so a value that would make the spec invalid is refused before anything
 * is saved. Registry-backed fields (model id, tool ids and settings) are checked against
 * the registry too.
 */
const FIELDS: Record<string, z.ZodType> = {
  name: AgentName,
  description: AgentSpec.shape.description,
  systemPrompt: AgentSpec.shape.systemPrompt,
  language: z.enum(["python", "typescript"]),
  "model.id": ModelChoice.shape.id,
  "model.temperature": ModelChoice.shape.temperature.unwrap(),
  "model.maxTokens": ModelChoice.shape.maxTokens.unwrap(),
  "deployment.target": z.enum(["agentcore", "ecs-fargate", "lambda"]),
  "deployment.region": AgentCoreDeployment.shape.region.unwrap(),
  "deployment.iac": IacTool,
  "memory.type": MemorySpec.shape.type.unwrap(),
  "requirements.useCase": RequirementsSpec.shape.useCase.unwrap(),
  "requirements.capabilities": RequirementsSpec.shape.capabilities.unwrap(),
  "requirements.monthlyBudgetUsd": RequirementsSpec.shape.monthlyBudgetUsd.unwrap(),
  "requirements.requestsPerDay": RequirementsSpec.shape.requestsPerDay.unwrap(),
  "requirements.latencyTargetMs": RequirementsSpec.shape.latencyTargetMs.unwrap(),
  tools: z.array(ToolChoice).max(50),
};

const TOOL_SETTING = /^tools\.(\d{1,2})\.config\.([a-z][a-z0-9_]*)$/;

const invalid = (path: string, message: string) => new DomainError("invalid", `${path}: ${message}`, { field: path });

type ToolList = { id: string; config?: Record<string, unknown> }[] | undefined;

/**
 * Parses the value of one edit. `null` clears the field. Returns the value to store
 * (schema defaults applied, e.g. a tool's empty config).
 * @throws DomainError("invalid") naming the path, with `details.field`.
 */
export function parseFieldValue(path: string, value: unknown, tools: ToolList, registry: SpecRegistry): unknown {
  const setting = TOOL_SETTING.exec(path);
  if (setting) return parseToolSetting(path, Number(setting[1]), setting[2]!, value, tools, registry);
  const schema = FIELDS[path];
  if (!schema) throw invalid(path, "is not a field that can be edited here");
  if (value === null) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${path}.${issue.path.join(".")}` : path;
    throw invalid(where === path ? path : where, issue.message);
  }
  if (path === "model.id" && !registry.models.some((m) => m.id === parsed.data)) throw invalid(path, `'${String(parsed.data)}' is not in the model registry`);
  if (path === "tools") checkToolIds(parsed.data as { id: string }[], registry);
  return parsed.data;
}

function checkToolIds(tools: { id: string }[], registry: SpecRegistry): void {
  const seen = new Set<string>();
  tools.forEach((t, i) => {
    if (!registry.tools.some((e) => e.id === t.id)) throw invalid(`tools.${i}.id`, `'${t.id}' is not in the tool registry`);
    if (seen.has(t.id)) throw invalid(`tools.${i}.id`, `'${t.id}' is selected twice`);
    seen.add(t.id);
  });
}

function parseToolSetting(path: string, index: number, key: string, value: unknown, tools: ToolList, registry: SpecRegistry): unknown {
  const choice = tools?.[index];
  if (!choice) throw invalid(path, `there is no tool number ${index + 1} in the spec`);
  const param = registry.tools.find((t) => t.id === choice.id)?.config.find((p) => p.name === key);
  if (!param) throw invalid(path, `tool '${choice.id}' has no setting '${key}'`);
  // Secrets reach the agent through its environment, never through the stored spec.
  if (param.secret) throw invalid(path, `'${key}' is a secret; set it in the agent's secrets, not in the spec`);
  if (value === null) return undefined;
  const coerced = param.type === "number" && typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  const parsed = ConfigValue.safeParse(coerced);
  if (!parsed.success) throw invalid(path, parsed.error.issues[0]!.message);
  if (typeof parsed.data !== param.type) throw invalid(path, `must be a ${param.type}`);
  if (typeof parsed.data === "string" && !parsed.data.trim()) throw invalid(path, "must not be empty");
  return typeof parsed.data === "string" ? parsed.data.trim() : parsed.data;
}
