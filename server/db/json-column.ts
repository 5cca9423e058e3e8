import type { z } from "zod";

/**
 * A stored value (a JSON column, or a text column holding one of a set of names) that does
 * not have the shape its repository reads: the row was written by another version of the
 * code or changed by hand. Named by table, column,
 * row and the field inside the value, so the row can be found and mended.
 */
export class StorageParseError extends Error {
  constructor(
    readonly table: string,
    readonly column: string,
    readonly rowId: string,
    /** The path inside the column's value ("0.size"); "" for the value itself. */
    readonly field: string,
    reason: string,
  ) {
    super(`${table}.${column} of row ${rowId} is not valid at ${field === "" ? "its top level" : `'${field}'`}: ${reason}`);
    this.name = "StorageParseError";
  }
}

/** Reads a stored value through its schema (the storage edge); StorageParseError for the first field that does not parse. */
export function parseJsonColumn<S extends z.ZodType>(schema: S, value: unknown, at: { table: string; column: string; rowId: string }): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { path, message } = innermost(parsed.error.issues[0]!);
  throw new StorageParseError(at.table, at.column, at.rowId, path.map(String).join("."), message);
}

/** A union names only itself; its first alternative's first issue says which field is wrong. */
function innermost(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  const branch = issue.code === "invalid_union" ? issue.errors.find((e) => e.length > 0)?.[0] : undefined;
  if (!branch) return { path: issue.path, message: issue.message };
  const inner = innermost(branch);
  return { path: [...issue.path, ...inner.path], message: inner.message };
}
