import { Worker } from "node:worker_threads";
import { Liquid } from "liquidjs";
import { DomainError } from "../errors";
import { RENDER_WORKER_SOURCE } from "./template-render-worker";

/** The longest text a field may render to (the spec's longest text field is 100,000 characters). */
export const MAX_RENDERED_CHARS = 100_000;
/** Characters a render may produce in all, counted across every output, loop range and filter. */
const MEMORY_LIMIT = 1_000_000;

/** Limits of one render (liquidjs options): parse size, time between steps (ms), characters produced in all. */
const LIQUID_LIMITS = { parseLimit: 200_000, renderLimit: 1_000, memoryLimit: MEMORY_LIMIT };
/** A render thread is cut this long after it starts, even inside one long step, and may use this much heap. */
export const RENDER_TIMEOUT_MS = 2_000;
const RENDER_HEAP_MB = 64;

/**
 * Parses only (variable names): the same limits and sandbox options as a render, on this
 * thread, since parsing is bounded by parseLimit. Rendering runs in a worker (renderInWorker).
 */
const engine = new Liquid({ ...LIQUID_LIMITS, templates: {}, ownPropertyOnly: true, strictFilters: true, strictVariables: true, cache: false });

/** The spec fields whose text may carry template variables. */
export const TEMPLATED_FIELDS = ["systemPrompt", "description"] as const;

/** Top-level variable names the text uses, in order of first use. @throws DomainError naming `field` when it does not parse. */
export function templateVariables(text: string, field: string): string[] {
  try {
    return [...new Set(engine.globalVariablesSync(text))];
  } catch (e) {
    throw new DomainError("invalid", `${field}: is not a valid template (${firstLine(e)})`, { field });
  }
}

/**
 * Renders `text` with `variables`, off the event loop: a worker thread with a heap cap, cut
 * at RENDER_TIMEOUT_MS, so a template bomb costs its own thread and never stalls requests.
 * A variable without a value is BAD_REQUEST naming it, as is anything that exceeds the limits.
 */
export async function renderTemplateText(text: string, variables: Record<string, string>, field: string): Promise<string> {
  for (const name of templateVariables(text, field)) {
    if (!Object.hasOwn(variables, name)) throw new DomainError("invalid", `variables.${name}: is required by the template's ${field}`, { field: `variables.${name}` });
  }
  const result = await renderInWorker({ text, variables: { ...variables }, options: LIQUID_LIMITS, maxChars: MAX_RENDERED_CHARS });
  if ("error" in result) throw new DomainError("invalid", `${field}: the template could not be rendered (${result.error})`, { field });
  if ("tooLong" in result) throw new DomainError("invalid", `${field}: the template renders to more than ${MAX_RENDERED_CHARS} characters`, { field });
  return result.out;
}

type RenderResult = { out: string } | { tooLong: number } | { error: string };

/** One render in a fresh worker thread: nothing a template leaves behind outlives it. (`source` and `timeoutMs` are replaceable for tests of the cuts.) */
export function renderInWorker(workerData: { text: string; variables: Record<string, string>; options: typeof LIQUID_LIMITS; maxChars: number }, source = RENDER_WORKER_SOURCE, timeoutMs = RENDER_TIMEOUT_MS): Promise<RenderResult> {
  return new Promise((resolve) => {
    const worker = new Worker(source, { eval: true, workerData, resourceLimits: { maxOldGenerationSizeMb: RENDER_HEAP_MB, maxYoungGenerationSizeMb: 16 } });
    const settle = (r: RenderResult) => {
      clearTimeout(timer);
      resolve(r);
      void worker.terminate();
    };
    // The clock starts when the thread runs: starting one is the machine's time, not the template's.
    let timer: NodeJS.Timeout | undefined;
    worker.once("online", () => (timer = setTimeout(() => settle({ error: `time limit exceeded (${timeoutMs} ms)` }), timeoutMs)));
    worker.once("message", (m: RenderResult) => settle(m));
    worker.once("error", (e: Error & { code?: string }) => settle({ error: e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory limit exceeded" : "the renderer failed" }));
    worker.once("exit", () => settle({ error: "the renderer stopped" }));
  });
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 200);
