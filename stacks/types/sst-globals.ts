/**
 * The SST globals that sst.config.ts and stacks/ use, declared so `tsc -p stacks/tsconfig.json`
 * can type-check them offline. `sst install` (which needs the internet) generates the real
 * declarations in .sst/platform; these are a hand-copied SUBSET of them, written from SST's
 * source at v4.17.0 (anomalyco/sst@8bfe1c1, platform/src/global.d.ts, config.ts,
 * components/component.ts). A field used in stacks/ but missing here fails the type-check,
 * and is added from that source, never invented.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as _aws from "@pulumi/aws";

/** platform/src/config.ts `App` (subset). */
interface SstApp {
  name: string;
  removal?: "remove" | "retain" | "retain-all";
  providers?: Record<string, any>;
  home: "aws" | "cloudflare" | "local";
  protect?: boolean;
}

/** platform/src/config.ts `$config` input. */
interface SstConfig {
  app(input: { stage: string }): SstApp;
  run(): Promise<Record<string, any> | void>;
}

declare global {
  // The generated .sst/platform/config.d.ts exposes the aws provider the same way.
  export import aws = _aws;

  /** components/component.ts `Transform<T>`. */
  type SstTransform<T> = Partial<T> | ((args: T, opts: pulumi.CustomResourceOptions, name: string) => undefined);

  const $app: Readonly<{
    name: string;
    stage: string;
    removal: "remove" | "retain" | "retain-all";
    providers: SstApp["providers"];
    protect: boolean;
  }>;
  const $dev: boolean;
  function $config(input: SstConfig): SstConfig;
  const $interpolate: typeof pulumi.interpolate;
  const $concat: typeof pulumi.concat;
  const $jsonStringify: typeof pulumi.jsonStringify;
  const $jsonParse: typeof pulumi.jsonParse;
  const $output: typeof pulumi.output;
  const $resolve: typeof pulumi.all;
  const $transform: <T, Args, Options>(
    resource: { new (name: string, args: Args, opts?: Options): T },
    cb: (args: Args, opts: Options, name: string) => void,
  ) => void;
}

export {};
