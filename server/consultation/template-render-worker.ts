/**
 * The source of the worker thread that renders user-authored template text (template-text.ts
 * runs it with `eval: true`, so no build step or bundler has to know about a worker file;
 * liquidjs is a server-external package, required from node_modules). Plain CommonJS.
 *
 * liquidjs counts what its filters allocate but not what outputs write, so
 * `{% capture s %}{{ s }}{{ s }}{% endcapture %}` doubled a string 20 times (104,857,600
 * characters) under the memory limit: every `{{ }}` and `{% echo %}` output is charged to it
 * here (outputEscape), and `raw`, which would skip the charge, is refused. The include map is
 * empty, so `{% include %}` and `{% render %}` cannot read files; own properties only.
 */
export const RENDER_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { Liquid } = require("liquidjs");
function chargeOutput(value) {
  this.context.memoryLimit.use(typeof value === "string" ? value.length : String(value ?? "").length);
  return value;
}
const engine = new Liquid({ ...workerData.options, templates: {}, ownPropertyOnly: true, strictFilters: true, strictVariables: true, outputEscape: chargeOutput, cache: false });
engine.registerFilter("raw", () => { throw new Error("the raw filter is not allowed"); });
try {
  const out = engine.parseAndRenderSync(workerData.text, workerData.variables);
  // Only the length crosses back when it is over the cap: the caller refuses it anyway.
  parentPort.postMessage(out.length > workerData.maxChars ? { tooLong: out.length } : { out });
} catch (e) {
  parentPort.postMessage({ error: (e instanceof Error ? e.message : String(e)).split("\\n")[0].slice(0, 200) });
}
`;
