import { stringify } from "yaml";
import type { BootstrapNames } from "../platform/deployer/types";
import { allHandlerActions } from "./plan/cfn-permissions";
import { ARTIFACT_ACTIONS, BUILD_ACTIONS, STACK_ACTIONS } from "./plan/deployer-iam";

/**
 * The CloudFormation template a user deploys once per account and Region to let the platform
 * deploy there without long-lived keys: a deploy role the platform assumes with an ExternalId,
 * a CloudFormation execution role that holds the resource permissions (the deploy role may
 * only pass it), the artifact bucket, an ECR repository and an ARM64 CodeBuild project that
 * builds agent images and Lambda deployment packages. Built as an object and serialized (never concatenated).
 */
export const BOOTSTRAP_STACK_NAME = "agent-builder-bootstrap";

export function bootstrapNames(accountId: string, region: string): BootstrapNames {
  return {
    bucket: `agent-builder-artifacts-${accountId}-${region}`,
    buildProject: "agent-builder-image-build",
    repository: "agent-builder-agents",
    executionRoleArn: `arn:aws:iam::${accountId}:role/agent-builder-cfn-exec-${region}`,
  };
}

export const deployRoleName = (region: string) => `agent-builder-deploy-${region}`;
export const accountOfRole = (roleArn: string) => /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(roleArn)?.[1] ?? null;

const sub = (s: string) => ({ "Fn::Sub": s });

/**
 * One build project, two kinds of build, chosen per build by BUILD_KIND (StartBuild's
 * environment override): an agent image (ARM64, pushed to ECR), or a Lambda deployment
 * package — the project's own scripts/package-lambda.sh, its ZIP copied to PACKAGE_KEY in the
 * artifact bucket, the key the stack's Code property is then given.
 */
export const LAMBDA_PACKAGE_PREFIX = "packages/";
const BUILD_SPEC = stringify({
  version: 0.2,
  env: { "exported-variables": ["IMAGE_URI"] },
  phases: {
    pre_build: { commands: ['if [ "$BUILD_KIND" != "lambda-package" ]; then aws ecr get-login-password | docker login --username AWS --password-stdin $REPO_URI; fi'] },
    build: {
      commands: [
        [
          'if [ "$BUILD_KIND" = "lambda-package" ]; then',
          '  case "$PACKAGE_KEY" in packages/*) ;; *) echo "PACKAGE_KEY must be under packages/" >&2; exit 1;; esac',
          "  sh scripts/package-lambda.sh",
          '  aws s3 cp dist/lambda.zip "s3://$ARTIFACT_BUCKET/$PACKAGE_KEY"',
          "else",
          "  docker build --platform linux/arm64 -t $REPO_URI:$IMAGE_TAG .",
          "  docker push $REPO_URI:$IMAGE_TAG",
          "  export IMAGE_URI=$REPO_URI:$IMAGE_TAG",
          "fi",
        ].join("\n"),
      ],
    },
  },
});

export function bootstrapTemplate(): string {
  const trust = (service: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Agent Builder bootstrap: deploy role (ExternalId), CloudFormation execution role, artifact bucket, ECR repository, ARM64 CodeBuild project",
    Parameters: {
      PlatformPrincipal: { Type: "String", Description: "The Agent Builder account allowed to assume the deploy role (arn:aws:iam::ACCOUNT:root)" },
      ExternalId: { Type: "String", MinLength: 2, NoEcho: true, Description: "The ExternalId shown on the Deploy tab" },
    },
    Resources: {
      ArtifactBucket: {
        Type: "AWS::S3::Bucket",
        DeletionPolicy: "Retain",
        Properties: {
          BucketName: sub("agent-builder-artifacts-${AWS::AccountId}-${AWS::Region}"),
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          LifecycleConfiguration: { Rules: [{ Status: "Enabled", ExpirationInDays: 90 }] },
        },
      },
      ImageRepository: { Type: "AWS::ECR::Repository", Properties: { RepositoryName: "agent-builder-agents", ImageScanningConfiguration: { ScanOnPush: true } } },
      ExecutionRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: sub("agent-builder-cfn-exec-${AWS::Region}"),
          AssumeRolePolicyDocument: trust("cloudformation.amazonaws.com"),
          // What CloudFormation may call for an agent stack: every generated resource type's handler
          // permissions from its registry schema (plan/cfn-handler-permissions.json), nothing else.
          Policies: [{ PolicyName: "AgentStacks", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: allHandlerActions(), Resource: "*" }] } }],
        },
      },
      BuildRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          AssumeRolePolicyDocument: trust("codebuild.amazonaws.com"),
          Policies: [{
            PolicyName: "ImageBuild",
            PolicyDocument: {
              Version: "2012-10-17",
              Statement: [
                { Effect: "Allow", Action: ["s3:GetObject"], Resource: sub("${ArtifactBucket.Arn}/*") },
                { Effect: "Allow", Action: ["s3:PutObject"], Resource: sub(`\${ArtifactBucket.Arn}/${LAMBDA_PACKAGE_PREFIX}*`) },
                { Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
                { Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"], Resource: { "Fn::GetAtt": ["ImageRepository", "Arn"] } },
                { Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" },
              ],
            },
          }],
        },
      },
      ImageBuild: {
        Type: "AWS::CodeBuild::Project",
        Properties: {
          Name: "agent-builder-image-build",
          ServiceRole: { "Fn::GetAtt": ["BuildRole", "Arn"] },
          Artifacts: { Type: "NO_ARTIFACTS" },
          Source: { Type: "S3", Location: sub("${ArtifactBucket}/placeholder.zip"), BuildSpec: BUILD_SPEC },
          Environment: {
            Type: "ARM_CONTAINER",
            ComputeType: "BUILD_GENERAL1_SMALL",
            Image: "aws/codebuild/amazonlinux-aarch64-standard:3.0",
            PrivilegedMode: true,
            EnvironmentVariables: [
              { Name: "REPO_URI", Value: { "Fn::GetAtt": ["ImageRepository", "RepositoryUri"] } },
              { Name: "ARTIFACT_BUCKET", Value: { Ref: "ArtifactBucket" } },
              { Name: "BUILD_KIND", Value: "image" },
            ],
          },
        },
      },
      DeployRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: sub("agent-builder-deploy-${AWS::Region}"),
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: { Ref: "PlatformPrincipal" } }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } } }],
          },
          Policies: [{
            PolicyName: "Deploy",
            PolicyDocument: {
              Version: "2012-10-17",
              Statement: [
                { Effect: "Allow", Action: STACK_ACTIONS, Resource: "*" },
                { Effect: "Allow", Action: "iam:PassRole", Resource: { "Fn::GetAtt": ["ExecutionRole", "Arn"] } },
                // Connect and Apply show what this role and the execution role may do (IAM's policy simulator).
                // The role's own ARN is built, not referenced: a GetAtt on itself would be a circular dependency.
                { Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: [sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/agent-builder-deploy-${AWS::Region}"), { "Fn::GetAtt": ["ExecutionRole", "Arn"] }] },
                { Effect: "Allow", Action: ARTIFACT_ACTIONS, Resource: sub("${ArtifactBucket.Arn}/*") },
                { Effect: "Allow", Action: BUILD_ACTIONS, Resource: { "Fn::GetAtt": ["ImageBuild", "Arn"] } },
                { Effect: "Allow", Action: ["bedrock-agentcore:InvokeAgentRuntime", "lambda:InvokeFunctionUrl"], Resource: "*" },
              ],
            },
          }],
        },
      },
    },
    Outputs: {
      DeployRoleArn: { Value: { "Fn::GetAtt": ["DeployRole", "Arn"] } },
      ArtifactBucketName: { Value: { Ref: "ArtifactBucket" } },
      ImageRepositoryUri: { Value: { "Fn::GetAtt": ["ImageRepository", "RepositoryUri"] } },
    },
  };
  return stringify(template, { lineWidth: 0 });
}
