/**
 * The DynamoDB stand-in (dynalite) in its own process, forked by the launcher, so its request
 * handling and LevelDB work stay off the web server's event loop. Tells the launcher its
 * endpoint once it listens; exits when the launcher goes away.
 */
import { startDynalite } from "../platform/dynalite";

async function main() {
  if (!process.send) throw new Error("the DynamoDB stand-in is started by the launcher (npm start)");
  const [dataDir, port] = [process.argv[2]!, Number(process.argv[3] ?? 0)];
  const dynamo = await startDynalite(dataDir, port);
  process.send({ ready: true, endpoint: dynamo.endpoint });
  const stop = () => void dynamo.close().finally(() => process.exit(0));
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.on("SIGINT", () => undefined); // the launcher stops us after the processes that use us
}

main().catch((e) => {
  console.error("DynamoDB stand-in failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});
