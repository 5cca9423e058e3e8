/**
 * What the running router knows about each procedure: path, kind, zod inputs, and whether
 * it is protected. tRPC 11 keeps a procedure's middlewares in `_def.middlewares`, starting
 * with those of the builder it came from, so a procedure built from `protectedProcedure`
 * starts with exactly `protectedProcedure`'s middleware functions (same identities).
 */
import type { z } from "zod";

export type ProcedureKind = "query" | "mutation" | "subscription";
export type Auth = "protected" | "public";
export type ProcedureInfo = { path: string; kind: ProcedureKind; auth: Auth; inputs: z.ZodType[] };

type Def = { type?: ProcedureKind; inputs?: unknown[]; middlewares?: unknown[] };
type WithDef = { _def: Def };
type RouterLike = { _def: { procedures: Record<string, unknown> } };

const middlewaresOf = (builder: unknown): unknown[] => (builder as WithDef)._def.middlewares ?? [];
const startsWith = (list: unknown[], prefix: unknown[]) => prefix.length > 0 && prefix.every((m, i) => list[i] === m);

function isZod(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && "_zod" in value && typeof (value as z.ZodType).safeParse === "function";
}

/**
 * Every procedure of a router, in declaration order. Fails loudly on a procedure built from
 * neither builder or with a non-zod input, since the docs could only guess about those.
 */
export function listProcedures(router: unknown, builders: { protected: unknown; public: unknown }): ProcedureInfo[] {
  const guarded = middlewaresOf(builders.protected);
  const open = middlewaresOf(builders.public);
  return Object.entries((router as RouterLike)._def.procedures).map(([path, procedure]) => {
    const def = (procedure as WithDef)._def;
    const mws = def.middlewares ?? [];
    const auth: Auth | null = startsWith(mws, guarded) ? "protected" : startsWith(mws, open) ? "public" : null;
    if (!auth) throw new Error(`${path}: built from neither protectedProcedure nor publicProcedure`);
    if (!def.type) throw new Error(`${path}: has no procedure type`);
    const inputs = def.inputs ?? [];
    const bad = inputs.findIndex((i) => !isZod(i));
    if (bad >= 0) throw new Error(`${path}: input ${bad} is not a zod schema`);
    return { path, kind: def.type, auth, inputs: inputs as z.ZodType[] };
  });
}
