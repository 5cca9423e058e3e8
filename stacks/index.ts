/**
 * The whole platform, in dependency order. sst.config.ts imports this inside run(), where
 * SST's globals exist. Returns the outputs `sst deploy` prints (and CI reads).
 */
import { isProductionStage, REGION, WEB } from "./config";
import { createBudget } from "./budget";
import { createTable } from "./database";
import { applyFunctionDefaults } from "./defaults";
import { bedrockModelArns, bedrockStatement } from "./iam";
import { parseDeployInputs } from "./inputs";
import { narrowLinkPermissions } from "./links";
import { createMonitoring } from "./monitoring";
import { createQueues } from "./queues";
import { createCluster, createRealtime, createTestRunner } from "./realtime";
import { containerSecretParameters, createSecrets } from "./secrets";
import { createPlatformKey } from "./security";
import { createArtifactsBucket } from "./storage";
import { createSweeper } from "./sweeper";
import { createRouter, createWeb } from "./web";
import { appEnvironment, appLinks, createWorkers } from "./workers";

export async function deployPlatform() {
  const inputs = parseDeployInputs(process.env);
  const production = isProductionStage($app.stage);
  const accountId = aws.getCallerIdentityOutput({}).accountId;
  const modelArns = (ids: string[]) => accountId.apply((id) => bedrockModelArns(ids, REGION, id));

  // Policies first: both apply only to components created after them.
  narrowLinkPermissions();
  const key = createPlatformKey(accountId);
  applyFunctionDefaults(key);

  const secrets = createSecrets();
  const params = containerSecretParameters(secrets, key);
  const table = createTable(production);
  const bucket = createArtifactsBucket();
  const queues = createQueues();
  const { router, siteUrl } = createRouter(inputs);

  const cluster = createCluster();
  const realtime = createRealtime({ cluster, table, bucket, queues, key, siteUrl, params, inputs });
  const testRunner = createTestRunner({ cluster, key, modelArns: modelArns(inputs.TEST_RUN_MODEL_IDS ?? inputs.BEDROCK_MODEL_IDS) });

  const platformModels = modelArns(inputs.BEDROCK_MODEL_IDS);
  const app = { table, bucket, queues, realtime, secrets, siteUrl, modelIds: inputs.BEDROCK_MODEL_IDS };
  const workers = createWorkers({ ...app, modelArns: platformModels });
  const sweeper = createSweeper(app);
  const { site, api } = createWeb({
    router,
    siteUrl,
    realtimeUrl: realtime.url,
    link: [...appLinks(app), testRunner],
    // The web app hands LLM work to the PM worker; flip WEB.bedrock if it ever calls a model in-request.
    permissions: WEB.bedrock ? [bedrockStatement(platformModels)] : [],
    environment: {
      ...appEnvironment(app),
      GITHUB_CLIENT_ID: secrets.githubClientId.value,
      GITHUB_CLIENT_SECRET: secrets.githubClientSecret.value,
    },
  });

  const monitoring = createMonitoring({
    key,
    alertEmail: inputs.ALERT_EMAIL,
    workers,
    webServerName: site.nodes.server!.apply((fn) => fn.name),
    sweeperName: sweeper.name,
    queues,
    tableName: table.name,
    realtime: {
      clusterName: cluster.nodes.cluster.apply((c) => c.name),
      serviceName: realtime.nodes.service.apply((s) => s.name),
      loadBalancerArnSuffix: realtime.nodes.loadBalancer.arnSuffix,
    },
  });
  if (production) createBudget(inputs.BUDGET_EMAIL ?? inputs.ALERT_EMAIL);

  return { url: siteUrl, api: api.url, realtime: realtime.url, alerts: monitoring.topic.arn };
}
