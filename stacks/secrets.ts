/**
 * SST secrets (`sst secret set <Name> <value> --stage production`). Required ones have no
 * placeholder, so a deploy without them stops with SST's "Set a value for ..." message.
 * Lambdas receive them as KMS-encrypted environment variables or links. Containers cannot:
 * SST writes a Service's links into its task definition in plain text, so each secret a
 * container needs is copied into an SSM SecureString under the platform key and injected
 * by ECS at start.
 */
import type { Output } from "@pulumi/pulumi";

export type Secrets = ReturnType<typeof createSecrets>;

export function createSecrets() {
  return {
    nextAuth: new sst.Secret("NextAuthSecret"),
    databaseUrl: new sst.Secret("DatabaseUrl"),
    realtime: new sst.Secret("RealtimeSecret"),
    // Optional: GitHub sign-in is off while these are empty.
    githubClientId: new sst.Secret("GithubClientId", ""),
    githubClientSecret: new sst.Secret("GithubClientSecret", ""),
    // Optional: a key for an OpenAI-compatible endpoint (LLM_PROVIDER=openai-compatible).
    llmApiKey: new sst.Secret("LlmApiKey", ""),
  };
}

export type ContainerSecret = "NEXTAUTH_SECRET" | "DATABASE_URL" | "REALTIME_SECRET" | "SST_RESOURCE_RealtimeSecret";

/**
 * SecureString copies of the secrets the containers need, by the environment variable ECS
 * sets from each. `SST_RESOURCE_RealtimeSecret` holds the link JSON that SST's `Resource`
 * reads, so `Resource.RealtimeSecret.value` works in a container without a plain-text link.
 */
export function containerSecretParameters(secrets: Secrets, key: { arn: Output<string> }): Record<ContainerSecret, Output<string>> {
  const values: Record<ContainerSecret, Output<string>> = {
    NEXTAUTH_SECRET: secrets.nextAuth.value,
    DATABASE_URL: secrets.databaseUrl.value,
    REALTIME_SECRET: secrets.realtime.value,
    SST_RESOURCE_RealtimeSecret: $jsonStringify({ value: secrets.realtime.value, type: "sst.sst.Secret" }),
  };
  const entries = Object.entries(values).map(([env, value]) => {
    const slug = env.toLowerCase().replace(/_/g, "-");
    const param = new aws.ssm.Parameter(`Param${env.replace(/_/g, "")}`, { name: `/${$app.name}/${$app.stage}/${slug}`, type: "SecureString", keyId: key.arn, value });
    return [env, param.arn] as const;
  });
  return Object.fromEntries(entries) as Record<ContainerSecret, Output<string>>;
}
