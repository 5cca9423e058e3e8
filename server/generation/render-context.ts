import { DomainError } from "../errors";
import { AgentName, iacOf } from "../spec/agent-spec";
import { snakeParameter } from "./terraform/from-cfn";
import { SafeCode, TrustedCode, checkIdentifier, pascalName, snakeName } from "./serialize";
import { approvalToolIds } from "./approval";
import { featureOn } from "./packages";
import { deployVariables } from "./builders/deploy-variables";
import type { ResolvedProject, ResolvedTool } from "./types";

/**
 * The object templates render against. User text appears only as plain strings
 * (`text.*`, `spec.*`), which templates cannot print without a serializer filter;
 * names checked against allow-lists and registry snippets arrive as SafeCode.
 */

const PY_IMPORT = /^(from\s+[A-Za-z_][\w.]*\s+)?import\s+[^\n\r;]+$/;
const TS_IMPORT = /^import\s+(type\s+)?[^\n\r;]*\s+from\s+"[^"\n]+";?$|^import\s+"[^"\n]+";?$/;

function snippetCode(tool: ResolvedTool, language: "python" | "typescript") {
  const where = `Registry tool '${tool.entry.id}' ${language}`;
  const importRule = language === "python" ? PY_IMPORT : TS_IMPORT;
  tool.snippet.imports.forEach((line, i) => {
    if (!importRule.test(line.trim())) throw new DomainError("invalid", `${where}.imports[${i}] is not a single import statement`);
  });
  if (/[\r\n]/.test(tool.snippet.toolExpr)) throw new DomainError("invalid", `${where}.toolExpr must be one line`);
  tool.snippet.init.forEach((line, i) => {
    if (line.includes("\r")) throw new DomainError("invalid", `${where}.init[${i}] contains a carriage return`);
  });
  const indent = language === "python" ? "    " : "  ";
  const initLines = tool.snippet.init.flatMap((l) => l.split("\n")).map((l) => (l.trim() ? indent + l : ""));
  return {
    init: new TrustedCode(initLines.join("\n")),
    hasInit: initLines.length > 0,
    expr: new TrustedCode(tool.snippet.toolExpr.trim()),
  };
}

function uniqueImports(project: ResolvedProject): TrustedCode[] {
  const seen = new Set<string>();
  for (const tool of project.tools) for (const line of tool.snippet.imports) seen.add(line.trim());
  return [...seen].map((l) => new TrustedCode(l));
}

/** Environment variables the generated agent reads, with whether each is a secret. */
export type EnvVarInfo = { name: string; secret: boolean; description: string; required?: boolean };

export function projectEnvVars(project: ResolvedProject): EnvVarInfo[] {
  const vars: EnvVarInfo[] = [
    { name: "AGENT_MODEL_PROVIDER", secret: false, description: "bedrock | openai-compatible | ollama" },
    { name: "AGENT_MODEL_ID", secret: false, description: "Model id; defaults to the one in agent-spec.json" },
    { name: "AGENT_MODEL_BASE_URL", secret: false, description: "Endpoint for openai-compatible and ollama providers" },
    { name: "AGENT_MODEL_API_KEY", secret: true, description: "API key for openai-compatible endpoints (optional)" },
    { name: "AWS_REGION", secret: false, description: "AWS region for Bedrock and Secrets Manager" },
    { name: "LOG_LEVEL", secret: false, description: "debug | info | warn | error" },
  ];
  if (project.spec.security.secretsSource === "secrets-manager") {
    vars.push({ name: "AGENT_SECRET_ID", secret: false, description: "Secrets Manager secret (JSON) holding the secret variables" });
  }
  if (project.spec.observability.tracing) {
    vars.push({ name: "OTEL_EXPORTER_OTLP_ENDPOINT", secret: false, description: "OpenTelemetry collector endpoint for traces" });
  }
  for (const tool of project.tools) {
    for (const env of tool.entry.env) vars.push({ name: env.name, secret: env.secret, description: env.description, required: env.required });
    for (const [param, name] of Object.entries(tool.secretParams)) {
      const required = tool.entry.config.find((p) => p.name === param)?.required ?? false;
      vars.push({ name, secret: true, description: `Secret setting of the ${tool.entry.name} tool`, required });
    }
  }
  for (const api of project.spec.apiTools ?? []) {
    if (api.auth.kind === "none") continue;
    // A gateway-served API's key is read by the AgentCore Gateway from the agent's secret, not by the agent.
    const gateway = api.exposure === "gateway";
    vars.push({ name: api.auth.secretName, secret: true, description: `Credential of the ${api.name} API (${api.auth.kind}${gateway ? "; read from the agent's secret by the AgentCore Gateway" : ""})`, required: !gateway });
  }
  const seen = new Set<string>();
  return vars.filter((v) => (seen.has(v.name) ? false : (seen.add(v.name), true)));
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** Deployment names that land in shell scripts and Dockerfiles, each from a closed set or a checked pattern. */
function deployContext(d: ResolvedProject["spec"]["deployment"]) {
  if (!REGION.test(d.region)) throw new DomainError("invalid", `deployment.region '${d.region}' is not an AWS region`);
  const arm = d.architecture === "arm64";
  return {
    region: new SafeCode(d.region),
    dockerPlatform: new SafeCode(arm ? "linux/arm64" : "linux/amd64"),
    pipPlatform: new SafeCode(arm ? "manylinux2014_aarch64" : "manylinux2014_x86_64"),
  };
}

export function buildRenderContext(project: ResolvedProject) {
  const { spec, model, tools } = project;
  const name = AgentName.parse(spec.name);
  const language = spec.language;
  const envVars = projectEnvVars(project);
  return {
    agent: {
      name: new SafeCode(name),
      module: new SafeCode(snakeName(name)),
      pascal: new SafeCode(pascalName(name)),
    },
    text: { name: spec.name, description: spec.description, systemPrompt: spec.systemPrompt },
    spec,
    language,
    target: spec.deployment.target,
    iac: iacOf(spec.deployment),
    model: {
      id: model.entry.id,
      provider: model.provider,
      baseUrl: model.baseUrl,
      temperature: spec.model.temperature,
      maxTokens: spec.model.maxTokens,
      topP: spec.model.topP ?? null,
      region: spec.deployment.region,
    },
    tools: tools.map((t, i) => ({
      id: t.entry.id,
      fn: new SafeCode(checkIdentifier(`tool_${i}`)),
      ...snippetCode(t, language),
    })),
    toolImports: uniqueImports(project),
    secretEnv: envVars.filter((v) => v.secret).map((v) => ({ name: v.name })),
    requiredSecretEnv: envVars.filter((v) => v.secret && v.required).map((v) => ({ name: v.name })),
    features: {
      tracing: spec.observability.tracing,
      metrics: spec.observability.metrics,
      secretsManager: spec.security.secretsSource === "secrets-manager",
      container: spec.deployment.target !== "lambda",
      lambda: spec.deployment.target === "lambda",
      memory: spec.memory.type,
      windowSize: spec.memory.windowSize,
      apiTools: featureOn(project, "api-tools"),
      apiGateway: featureOn(project, "api-gateway"),
      guardrail: spec.guardrails !== undefined,
      approval: approvalToolIds(project).length > 0,
    },
    approval: { toolIds: approvalToolIds(project), timeoutMs: (spec.approval?.timeoutSeconds ?? 0) * 1000 },
    security: {
      maxInputChars: spec.security.maxInputChars,
      // Bytes a request body may take: the longest input as UTF-8 plus room for the JSON around it.
      maxBodyBytes: spec.security.maxInputChars * 4 + 4096,
    },
    logLevel: spec.observability.logLevel,
    port: 8080,
    deploy: deployContext(spec.deployment),
    // Fixed names from deploy-variables.ts (never user text); descriptions are plain strings.
    deployVars: deployVariables(project).map((v) => ({
      name: new SafeCode(v.name),
      parameter: v.parameter ? new SafeCode(v.parameter) : null,
      // Shell lines built here from the fixed names: the script stops when a variable is unset.
      requireLine: new SafeCode(`: "\${${v.name}:?set ${v.name} (see README: Deploy)}"`),
      override: v.parameter ? new SafeCode(`"${v.parameter}=\${${v.name}}"`) : null,
      // The same value as a Terraform variable; SUBNET_IDS (comma-separated) becomes the HCL list the script builds.
      tfVar: v.parameter ? new SafeCode(v.parameter === "SubnetIds" ? `-var "subnet_ids=$SUBNET_LIST"` : `-var "${snakeParameter(v.parameter)}=\${${v.name}}"`) : null,
      description: v.description,
      example: v.example,
      secret: v.secret ?? false,
    })),
  };
}
export type RenderContext = ReturnType<typeof buildRenderContext>;
