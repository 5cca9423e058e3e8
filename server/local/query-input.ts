import { TRPCError } from "@trpc/server";

export type QueryInput = {
  /** The procedure's raw input, parsed on first read (as tRPC's `getRawInput`). */
  read: () => Promise<unknown>;
  /** The input if it was read and parsed, for the error formatter (as tRPC's `call.result()`). */
  result: () => unknown;
};

/**
 * A GET query's `input` parameter read as tRPC 11.22.1's JSON content handler reads it
 * (unstable-core-do-not-import/http/contentType.ts, `jsonContentTypeHandler` and its `memo`):
 * lazily and once; an empty parameter is no input; a batch's inputs are an object keyed by call
 * index (here only call 0); any failure is BAD_REQUEST carrying the cause's message, thrown
 * where the procedure reads its input, so it is that call's error.
 */
export function readQueryInput(param: string | null, isBatchCall: boolean, deserialize: (raw: unknown) => unknown): QueryInput {
  let parsed: { value: unknown } | undefined;
  const parse = (): unknown => {
    const inputs: unknown = param ? JSON.parse(param) : undefined;
    if (inputs === undefined) return undefined;
    if (!isBatchCall) return deserialize(inputs);
    if (!inputs || Array.isArray(inputs) || typeof inputs !== "object") {
      throw new TRPCError({ code: "BAD_REQUEST", message: '"input" needs to be an object when doing a batch call' });
    }
    const first = (inputs as Record<string, unknown>)[0];
    return first === undefined ? undefined : deserialize(first);
  };
  return {
    read: async () => {
      if (parsed) return parsed.value;
      try {
        parsed = { value: parse() };
      } catch (cause) {
        if (cause instanceof TRPCError) throw cause;
        throw new TRPCError({ code: "BAD_REQUEST", message: cause instanceof Error ? cause.message : "Invalid input", cause });
      }
      return parsed.value;
    },
    result: () => parsed?.value,
  };
}
