import type { BuilderId } from "../template-manifest";
import { buildAgentCoreCloudFormation, buildAgentCoreProject } from "./agentcore";
import { buildApiTools } from "./api-tools";
import type { BuildInput, BuiltFile } from "./common";
import { buildFargateCloudFormation, buildTaskDefinition } from "./ecs-fargate";
import { buildAgentCoreTerraform } from "../terraform/agentcore";
import { buildFargateTerraform } from "../terraform/ecs-fargate";
import { buildLambdaTerraform } from "../terraform/lambda";
import { buildGithubWorkflow } from "./github-workflow";
import { buildLambdaCloudFormation } from "./lambda";
import {
  buildAgentConfig,
  buildAgentSpec,
  buildEnvExample,
  buildPackageJson,
  buildPythonRequirements,
  buildTsconfig,
} from "./project-files";

/** Files built as objects and serialized, by the id a template manifest lists them under. */
export const BUILDERS: Record<BuilderId, (input: BuildInput) => BuiltFile[]> = {
  "agent-spec": buildAgentSpec,
  "agent-config": buildAgentConfig,
  "env-example": buildEnvExample,
  "python-requirements": buildPythonRequirements,
  "package-json": buildPackageJson,
  tsconfig: buildTsconfig,
  "github-workflow": buildGithubWorkflow,
  "agentcore-project": buildAgentCoreProject,
  "cloudformation-agentcore": buildAgentCoreCloudFormation,
  "cloudformation-ecs-fargate": buildFargateCloudFormation,
  "ecs-task-definition": buildTaskDefinition,
  "cloudformation-lambda": buildLambdaCloudFormation,
  "terraform-agentcore": buildAgentCoreTerraform,
  "terraform-ecs-fargate": buildFargateTerraform,
  "terraform-lambda": buildLambdaTerraform,
  "api-tools": buildApiTools,
};

export type { BuildInput, BuiltFile };
