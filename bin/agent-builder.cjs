#!/usr/bin/env node
// The `agent-builder` command: runs server/cli/main.ts with tsx (a dependency), so the CLI
// works from any directory, offline, without a build step.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const main = path.join(__dirname, "..", "server", "cli", "main.ts");
const tsx = pathToFileURL(require.resolve("tsx")).href;
const result = spawnSync(process.execPath, ["--import", tsx, main, ...process.argv.slice(2)], { stdio: "inherit" });
if (result.error) {
  process.stderr.write(`agent-builder: ${result.error.message}\n`);
  process.exit(1);
}
process.exit(result.status ?? 1);
