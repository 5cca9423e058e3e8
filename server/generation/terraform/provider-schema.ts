import schema from "./aws-provider-schema.json";

/**
 * The Terraform AWS provider's argument schema for the types the generated Terraform uses
 * (written by scripts/build-terraform-schema.ts from @cdktf/provider-aws, whose bindings
 * HashiCorp generates from the provider schema).
 */

export type TfArgument = { block: boolean; required: boolean; nested?: Record<string, TfArgument> };
export type TfTypeSchema = { arguments: Record<string, TfArgument>; attributes: string[] };

export const TF_PROVIDER_VERSION: string = schema.providerVersion;
/** By type: `aws_lambda_function`, or `data.aws_region` for a data source. */
export const TF_TYPES = schema.types as Record<string, TfTypeSchema>;
