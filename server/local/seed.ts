import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { signUp } from "../auth/users";
import type { Db } from "../db/client";
import { deleteUser, findUserByEmail } from "../auth/user-repo";

export const DEMO_EMAIL = "demo@agent-builder.local";

/** Creates the local demo account once; its password is kept beside the data so it can be printed at each start. */
export async function seedDemoAccount(db: Db, dataDir: string): Promise<{ email: string; password: string }> {
  const file = path.join(dataDir, "demo-account.json");
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string }) : null;
  const existing = await findUserByEmail(db, DEMO_EMAIL);
  if (existing && saved) return saved;
  const password = randomBytes(9).toString("base64url");
  if (existing) await deleteUser(db, existing.id);
  await signUp(db, { email: DEMO_EMAIL, password, name: "Demo user" });
  writeFileSync(file, JSON.stringify({ email: DEMO_EMAIL, password }), { mode: 0o600 });
  return { email: DEMO_EMAIL, password };
}
