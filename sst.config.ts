/**
 * `sst deploy --stage production` builds the whole platform on AWS (see docs/deployment.md).
 * The app settings are literal on purpose: SST evaluates app() before any import is
 * possible. Everything else lives in stacks/, imported inside run() where SST's globals
 * (`sst`, `aws`, `$app`, ...) exist; the offline checks in tests/infra run the same run().
 */
export default $config({
  app(input) {
    const production = input?.stage === "production";
    return {
      name: "agent-builder",
      // Production keeps its data (table, bucket, secrets) on `sst remove`; other stages clean up.
      removal: production ? "retain" : "remove",
      protect: production,
      home: "aws",
      providers: { aws: { region: "us-east-1" } },
    };
  },
  async run() {
    const { deployPlatform } = await import("./stacks/index");
    return deployPlatform();
  },
});
