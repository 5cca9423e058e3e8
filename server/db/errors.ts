/**
 * Postgres errors recognised by their SQLSTATE code and constraint name (PGlite and Neon both
 * carry them on the driver's error, which drizzle wraps as `cause`), never by message text.
 */
const UNIQUE_VIOLATION = "23505";

type PgErrorFields = { code?: unknown; constraint?: unknown; cause?: unknown };

function* causes(e: unknown): Generator<PgErrorFields> {
  for (let at = e, depth = 0; at !== null && typeof at === "object" && depth < 5; at = (at as PgErrorFields).cause, depth++) yield at as PgErrorFields;
}

/** Whether `e` (or an error it wraps) is a unique violation of `constraint` (any unique index when omitted). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (const c of causes(e)) if (c.code === UNIQUE_VIOLATION && (constraint === undefined || c.constraint === constraint)) return true;
  return false;
}
