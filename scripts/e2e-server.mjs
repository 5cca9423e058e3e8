// Starts the launcher on a fresh data directory for the end-to-end suite.
import { rmSync } from "node:fs";
import { spawn } from "node:child_process";

rmSync(process.env.DATA_DIR ?? ".data-e2e", { recursive: true, force: true });
const child = spawn(process.execPath, ["--import", "tsx", "server/local/start.ts"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
