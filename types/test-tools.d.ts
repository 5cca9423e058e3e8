// Minimal declarations for test and bench tools that ship no types.
declare module "autocannon" {
  type Histogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number };
  export type Result = { requests: Histogram & { total: number }; latency: Histogram; throughput: Histogram; non2xx: number; errors: number; timeouts: number };
  export type Options = { url: string; connections?: number; duration?: number; amount?: number; method?: string; headers?: Record<string, string>; body?: string };
  export default function autocannon(options: Options): Promise<Result>;
}

declare module "s3rver" {
  type Options = { port?: number; address?: string; silent?: boolean; directory: string; configureBuckets?: { name: string }[] };
  export default class S3rver {
    constructor(options: Options);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
