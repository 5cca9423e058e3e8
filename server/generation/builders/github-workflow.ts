import { toYaml, type BuildInput, type BuiltFile } from "./common";
import { deployVariables } from "./deploy-variables";
import { iacOf } from "../../spec/agent-spec";

/**
 * .github/workflows/ci.yml for the generated project: test on every push and pull request,
 * build the deployable artifact ONCE (image tarball or Lambda zip) and deploy that same
 * artifact from main with an OIDC role. Every variable scripts/deploy.sh needs comes from
 * a repository variable (vars.*) passed to the deploy step; the README lists them.
 */

/**
 * Actions pinned by commit SHA: each is the newest release tag of the action's repository,
 * resolved to its commit from a mirror of that repository (git rev-parse <tag>^{commit}), 2026-12-04.
 */
export const PINNED_ACTIONS = {
  checkout: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", // v7.0.1
  setupNode: "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020", // v7.0.0
  setupPython: "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97", // v7.0.0
  uploadArtifact: "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", // v7.0.0
  downloadArtifact: "actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", // v8.0.1
  setupQemu: "docker/setup-qemu-action@96fe6ef7f33517b61c61be40b68a1882f3264fb8", // v4.2.0
  setupBuildx: "docker/setup-buildx-action@37fe631027851001ddb9b187196cc803df7f5f0e", // v4.3.0
  awsCredentials: "aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c", // v6.2.3
  setupTerraform: "hashicorp/setup-terraform@dfe3c3f87815947d99a8997f908cb6525fc44e9e", // v4.0.1
} as const;

/** The Node major the generated project runs on everywhere (Docker, Lambda, CI, engines). */
export const NODE_MAJOR = "22";
const ARTIFACT = "deployable";

export function buildGithubWorkflow({ project }: BuildInput): BuiltFile[] {
  const { spec } = project;
  const python = spec.language === "python";
  const a = PINNED_ACTIONS;
  const checkout = { uses: a.checkout, with: { "persist-credentials": false } };
  const setup = python
    ? [{ uses: a.setupPython, with: { "python-version": "3.12" } }, { run: "pip install -r requirements-dev.txt" }]
    : [{ uses: a.setupNode, with: { "node-version": NODE_MAJOR } }, { run: "npm ci --no-audit --no-fund" }];
  const test = python ? [{ run: "python -m pytest -q" }] : [{ run: "npm test" }, { run: "npm run build" }];
  const container = spec.deployment.target !== "lambda";
  const build = container
    ? [
        checkout,
        { uses: a.setupQemu },
        { uses: a.setupBuildx },
        { name: "Build the image once", run: `docker buildx build --platform linux/${archOf(project)} --tag ${spec.name}:\${{ github.sha }} --output type=docker,dest=image.tar .` },
        { uses: a.uploadArtifact, with: { name: ARTIFACT, path: "image.tar", "retention-days": 7 } },
      ]
    : [
        checkout,
        ...setup.slice(0, 1),
        { name: "Package the function once", run: "sh scripts/package-lambda.sh" },
        { uses: a.uploadArtifact, with: { name: ARTIFACT, path: "dist/lambda.zip", "retention-days": 7 } },
      ];
  const promote = container
    ? [{ name: "Load the tested image", run: "docker load --input image.tar" }]
    : [];
  // The wrapper would turn `terraform output` into step outputs; the script wants the plain CLI.
  const terraform = iacOf(spec.deployment) === "terraform" ? [{ uses: a.setupTerraform, with: { terraform_wrapper: false } }] : [];
  const env: Record<string, string> = Object.fromEntries(
    deployVariables(project).map((v) => [v.name, `\${{ ${v.secret ? "secrets" : "vars"}.${v.name} }}`]),
  );
  if (container) env.PREBUILT_IMAGE = `${spec.name}:\${{ github.sha }}`;
  else env.LAMBDA_ZIP = "lambda.zip";
  const workflow = {
    name: "ci",
    on: { push: { branches: ["main"] }, pull_request: {}, workflow_dispatch: {} },
    permissions: { contents: "read" },
    jobs: {
      test: { "runs-on": "ubuntu-latest", steps: [checkout, ...setup, ...test] },
      build: { needs: "test", "runs-on": "ubuntu-latest", steps: build },
      deploy: {
        needs: "build",
        if: "github.ref == 'refs/heads/main' && github.event_name == 'push'",
        "runs-on": "ubuntu-latest",
        environment: "production",
        permissions: { contents: "read", "id-token": "write" },
        steps: [
          checkout,
          { uses: a.downloadArtifact, with: { name: ARTIFACT } },
          ...promote,
          ...terraform,
          { uses: a.awsCredentials, with: { "role-to-assume": "${{ secrets.AWS_DEPLOY_ROLE_ARN }}", "aws-region": spec.deployment.region } },
          { name: "Deploy the tested artifact", env, run: "sh scripts/deploy.sh" },
        ],
      },
    },
  };
  return [[".github/workflows/ci.yml", toYaml(workflow)]];
}

export const archOf = ({ spec }: BuildInput["project"]) => (spec.deployment.architecture === "arm64" ? "arm64" : "amd64");
