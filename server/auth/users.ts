import { z } from "zod";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { dummyHash, hashPassword, verifyPassword } from "./password";
import { findUserByEmail, insertUserIfNew } from "./user-repo";

export const Email = z.email().max(254).transform((s) => s.trim().toLowerCase());
export const SignUpInput = z.object({
  email: Email,
  password: z.string().min(8, "must be at least 8 characters").max(200),
  name: z.string().trim().min(1).max(100).optional(),
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export type AuthUser = { id: string; email: string; name: string | null };

export async function signUp(db: Db, input: SignUpInput): Promise<AuthUser> {
  const passwordHash = await hashPassword(input.password);
  const row = await insertUserIfNew(db, { email: input.email, name: input.name ?? null, passwordHash });
  if (!row) throw new DomainError("conflict", "An account with this email already exists. Sign in instead.");
  return row;
}

/** null for an unknown email or a wrong password alike: the caller shows one generic error. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<AuthUser | null> {
  const parsed = Email.safeParse(email);
  const user = parsed.success ? await findUserByEmail(db, parsed.data) : null;
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  return user && user.passwordHash && ok ? { id: user.id, email: user.email, name: user.name } : null;
}
