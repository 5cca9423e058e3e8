import { createRequire } from "node:module";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { tsImport } from "tsx/esm/api";

// Validate the environment at build and start: a bad variable fails here, naming itself.
// The launcher (`npm start`) has loaded server/env.ts through tsx's require hook already, so
// `require` returns that module from its cache (an ESM `import` of it loaded it and zod a second
// time through tsx's ESM loader: 1.7 s of a restart on a busy machine). Plain `next build` has no
// TypeScript loader: the require fails and tsImport starts one of its own.
const require = createRequire(import.meta.url);
const loadEnv = () => {
  try {
    return require("./server/env.ts");
  } catch {
    return tsImport("./server/env.ts", import.meta.url);
  }
};
const { env } = await loadEnv();
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

/**
 * Production builds carry no source maps for the server bundle (45 MB here): `next start` never
 * reads them, but the launcher runs under tsx, which turns Node's source-map support on for the
 * whole process, so Node read and parsed each chunk's map as the chunk loaded (~1 s of a
 * restart's first pages on a busy machine, bench/README.md). Development keeps them.
 * @param {string} phase
 */
export default function nextConfigFor(phase) {
  const turbopackSourceMaps = phase === PHASE_DEVELOPMENT_SERVER;
  return { ...nextConfig, experimental: { ...nextConfig.experimental, turbopackSourceMaps } };
}
