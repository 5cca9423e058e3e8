import { toYaml, type BuildInput, type BuiltFile } from "./common";

/**
 * .github/workflows/ci.yml for the generated project: test on every push and pull
 * request, build the deployable artifact, deploy from main with an OIDC role
 * (the role ARN is a repository secret, never a value in the file).
 */
export function buildGithubWorkflow({ project }: BuildInput): BuiltFile[] {
  const { spec } = project;
  const python = spec.language === "python";
  const setup = python
    ? [
        { uses: "actions/setup-python@v5", with: { "python-version": "3.12" } },
        { run: "pip install -r requirements-dev.txt" },
      ]
    : [{ uses: "actions/setup-node@v4", with: { "node-version": "20" } }, { run: "npm install" }];
  const checkout = { uses: "actions/checkout@v4" };
  const test = python ? [{ run: "python -m pytest -q" }] : [{ run: "npm test" }, { run: "npm run build" }];
  const container = spec.deployment.target !== "lambda";
  const build = container
    ? [
        checkout,
        { uses: "docker/setup-qemu-action@v3" },
        { uses: "docker/setup-buildx-action@v3" },
        { name: "Build the ARM64 image", run: `docker buildx build --platform linux/${archOf(project)} --tag ${spec.name}:ci --load .` },
      ]
    : [checkout, ...setup.slice(0, 1), { name: "Package the function", run: "sh scripts/package-lambda.sh" }];
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
          ...(container ? [{ uses: "docker/setup-qemu-action@v3" }, { uses: "docker/setup-buildx-action@v3" }] : setup.slice(0, 1)),
          {
            uses: "aws-actions/configure-aws-credentials@v4",
            with: { "role-to-assume": "${{ secrets.AWS_DEPLOY_ROLE_ARN }}", "aws-region": spec.deployment.region },
          },
          { name: "Deploy", run: "sh scripts/deploy.sh" },
        ],
      },
    },
  };
  return [[".github/workflows/ci.yml", toYaml(workflow)]];
}

export const archOf = ({ spec }: BuildInput["project"]) => (spec.deployment.architecture === "arm64" ? "arm64" : "amd64");
