import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { env } from "../env";
import { concurrencyGate } from "../limits/concurrency-gate";

// argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * How many argon2 computations may run at once: half of libuv's default pool (4 threads), and no
 * more than the cores. @node-rs/argon2 already runs each off the event loop, on that pool, but a
 * burst of sign-ups then held every pool thread and more threads than cores: the web process's
 * own thread (PGlite's queries, Next.js, every other request) got a fraction of a core, and the
 * pool's other users — crypto.hkdf, which next-auth runs to decode every session cookie, and
 * file reads — queued behind the hashes. Measured with bench `signup` (bench/README.md): 50
 * sign-ups in 2 s, p50 3.0 s with 4 at once, 1.4 s with 2, 2.1 s with 1 (one core cannot keep
 * up); health.check's p99 meanwhile 2.3 s, 0.9 s, 0.7 s. The rest wait their turn here; the
 * security parameters are unchanged. PASSWORD_HASH_CONCURRENCY overrides the count.
 */
let gate: ReturnType<typeof concurrencyGate> | undefined;
const hashingSlot = <T>(work: () => Promise<T>) =>
  (gate ??= concurrencyGate(env().PASSWORD_HASH_CONCURRENCY ?? Math.min(2, availableParallelism())))(work);

export const hashPassword = (password: string) => hashingSlot(() => hash(password, OPTIONS));

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await hashingSlot(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Verifying against a real hash when the user does not exist keeps sign-in timing uniform. */
export const dummyHash = () => (dummy ??= hashPassword("not-a-real-password"));
