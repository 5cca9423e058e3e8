import { tsImport } from "tsx/esm/api";

// Validate the environment at build and start: a bad variable fails here, naming itself.
// The launcher (`npm start`) runs under tsx's loader already, so the file imports as it is;
// plain `next build` needs tsImport, which starts a loader of its own (seconds on a busy machine).
const { env } = await import("./server/env.ts").catch(() => tsImport("./server/env.ts", import.meta.url));
const config = env();

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  distDir: config.NEXT_DIST_DIR,
  poweredByHeader: false,
  // Native, WASM or process-level packages stay in node_modules instead of the server bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "dynalite",
    "@node-rs/argon2",
    "@neondatabase/serverless",
    "ws",
    // Loads its WebAssembly parser from a file beside its own module.
    "@cdktf/hcl2json",
    "sst",
    "typescript",
    "@strands-agents/sdk",
    "yaml",
    "liquidjs",
    // Its Drizzle store imports drizzle-orm at run time by a computed name, which a bundle cannot resolve.
    "rate-limiter-flexible",
  ],
  // `next start` loads every route's server code in the background at start (API routes the
  // launcher serves itself included), on the thread that answers the first requests. The
  // launcher instead requests the pages a visitor opens first before it says "ready"
  // (server/local/warm-pages.ts); the rest load on their first request.
  experimental: { preloadEntriesOnStart: false },
  // Types are checked once by `npm test` (tsc over the whole repo), not again inside every build.
  typescript: { ignoreBuildErrors: true },
  // Data files read at run time (registries, templates, migrations) must ship with the server bundle on Lambda.
  outputFileTracingIncludes: { "/**": ["./registry/**/*", "./templates/**/*", "./drizzle/**/*"] },
};

export default nextConfig;
