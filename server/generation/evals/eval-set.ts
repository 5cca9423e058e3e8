import type { AgentSpec } from "../../spec/agent-spec";
import { PINNED_ACTIONS, NODE_MAJOR } from "../builders/github-workflow";
import { toJson, toYaml } from "../builders/common";
import { contentHash, sortFiles } from "../content-hash";
import type { GeneratedProject } from "../types";
import { projectFile } from "../project-files";

/**
 * A generated project carries its eval set: the project's saved test cases as
 * evals/cases.json (serialized JSON: user text never reaches code), a dependency-free runner,
 * and .github/workflows/evals.yml, which runs the cases against a mock model on every push and
 * pull request, and against the agent's own model on Bedrock when the repository has AWS access
 * (the AWS_EVALS_ROLE_ARN variable names a role to assume through GitHub's OIDC).
 */

export type EvalCase = { name: string; input: string; expectations: Record<string, unknown> };

function workflow(spec: AgentSpec): string {
  const a = PINNED_ACTIONS;
  const python = spec.language === "python";
  const setup = python
    ? [{ uses: a.setupPython, with: { "python-version": "3.12" } }, { uses: a.setupNode, with: { "node-version": NODE_MAJOR } }, { run: "pip install -r requirements.txt" }]
    : [{ uses: a.setupNode, with: { "node-version": NODE_MAJOR } }, { run: "npm install --no-audit --no-fund" }, { run: "npm run build" }];
  const checkout = { uses: a.checkout, with: { "persist-credentials": false } };
  return toYaml({
    name: "evals",
    on: { push: {}, pull_request: {}, workflow_dispatch: {} },
    permissions: { contents: "read" },
    jobs: {
      "evals-mock": { "runs-on": "ubuntu-latest", steps: [checkout, ...setup, { name: "Eval set on the mock model", run: "node evals/run-evals.mjs --model mock" }] },
      "evals-bedrock": {
        if: "vars.AWS_EVALS_ROLE_ARN != ''",
        "runs-on": "ubuntu-latest",
        permissions: { contents: "read", "id-token": "write" },
        steps: [
          checkout,
          ...setup,
          { uses: a.awsCredentials, with: { "role-to-assume": "${{ vars.AWS_EVALS_ROLE_ARN }}", "aws-region": spec.deployment.region } },
          { name: "Eval set on the agent's model (Bedrock)", env: { AGENT_MODEL_PROVIDER: "bedrock" }, run: "node evals/run-evals.mjs --model env" },
        ],
      },
    },
  });
}

/** The project with its eval set added (unchanged when there are no cases); the content hash covers the new files. */
export function withEvalSet(generated: GeneratedProject, spec: AgentSpec, cases: EvalCase[]): GeneratedProject {
  if (cases.length === 0) return generated;
  const files = new Map(generated.files);
  files.set("evals/cases.json", toJson({ cases: cases.map((c) => ({ name: c.name, input: c.input, expectations: c.expectations })) }));
  files.set("evals/run-evals.mjs", projectFile("evals/run-evals.mjs"));
  files.set(".github/workflows/evals.yml", workflow(spec));
  const sorted = sortFiles(files);
  return { ...generated, files: sorted, contentHash: contentHash(sorted) };
}
