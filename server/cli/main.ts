import { changeCommand } from "./commands/change";
import { deployCommand } from "./commands/deploy";
import { draftCommand } from "./commands/draft";
import { estimateCommand } from "./commands/estimate";
import { generateCommand } from "./commands/generate";
import { initCommand } from "./commands/init";
import { modelsCommand } from "./commands/models";
import { runCommand } from "./commands/run";
import { toolsCommand } from "./commands/tools";
import { verifyCommand } from "./commands/verify";
import { EXIT, stdio, type CliIo, type Command } from "./io";

/**
 * `agent-builder`: spec-as-code from the command line, offline, calling the same
 * services as the API. A new command is one file in commands/ and one line here.
 */
export const COMMANDS: Record<string, Command> = {
  init: { summary: "print an example agent spec", run: initCommand },
  generate: { summary: "generate the project for a spec into a directory", run: generateCommand },
  verify: { summary: "verify a generated project (exit 1 on any failure)", run: verifyCommand },
  models: { summary: "list the model registry", run: modelsCommand },
  tools: { summary: "list the tool registry", run: toolsCommand },
  estimate: { summary: "estimate the monthly AWS cost of a spec", run: (argv, io) => estimateCommand(argv, io) },
  draft: { summary: "turn a description into a spec draft with its completeness and missing fields", run: (argv, io) => draftCommand(argv, io) },
  change: { summary: "plan a change request against a spec (same engine as the API) and print the new spec", run: (argv, io) => changeCommand(argv, io) },
  run: { summary: "run a generated project once in the local sandbox and stream its output", run: runCommand },
  deploy: { summary: "plan (offline), connect, apply, status, invoke, rollback, destroy a deployment to AWS", run: deployCommand },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: agent-builder COMMAND [options]\n\nCommands:\n${lines.join("\n")}\n\nRun agent-builder COMMAND --help for a command's options.\n`;
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command '${name}'.\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    io.err(`agent-builder ${name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  // `agent-builder tools | head` closes the pipe early: that is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
