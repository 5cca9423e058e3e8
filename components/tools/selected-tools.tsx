import { X } from "lucide-react";
import type { ToolSummary } from "~/server/api/routers/registry";
import type { ConfigValue, ToolPick } from "./selection-state";

type Param = ToolSummary["config"][number];
type Props = {
  picks: readonly ToolPick[];
  byId: ReadonlyMap<string, ToolSummary>;
  onRemove: (id: string) => void;
  onConfig: (id: string, key: string, value: ConfigValue | undefined) => void;
};

const inputClass = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-xs outline-none focus:ring-2 focus:ring-brand-500";

function ParamInput({ param, value, onChange, toolName }: { param: Param; value: ConfigValue | undefined; onChange: (v: ConfigValue | undefined) => void; toolName: string }) {
  const label = `${toolName}: ${param.name}`;
  if (param.type === "boolean") {
    const checked = typeof value === "boolean" ? value : param.default === true;
    return <input type="checkbox" aria-label={label} className="size-4 accent-brand-600" checked={checked} onChange={(e) => onChange(e.target.checked)} />;
  }
  const placeholder = param.default === null ? (param.required ? "required" : "optional") : `default: ${String(param.default)}`;
  return (
    <input
      aria-label={label}
      className={inputClass}
      type={param.type === "number" ? "number" : "text"}
      placeholder={placeholder}
      value={value === undefined ? "" : String(value)}
      onChange={(e) => {
        const text = e.target.value;
        if (text === "") return onChange(undefined);
        onChange(param.type === "number" ? Number(text) : text);
      }}
    />
  );
}

/** Required parameters without a default that the user has not filled in yet. */
export function missingParams(tool: ToolSummary | undefined, pick: ToolPick): string[] {
  return (tool?.config ?? []).filter((p) => p.required && p.default === null && pick.config[p.name] === undefined).map((p) => p.name);
}

/** The chosen tools in order, each removable, with inputs for its configuration parameters. */
export function SelectedTools({ picks, byId, onRemove, onConfig }: Props) {
  if (picks.length === 0) return <p className="text-sm text-slate-500">No tools selected. Tick tools in the catalog.</p>;
  return (
    <ul className="flex flex-col gap-2" aria-label="Selected tools" data-testid="selected-tools">
      {picks.map((pick) => {
        const tool = byId.get(pick.id);
        // A deprecated tool is generated as its replacement (server's generatedAs): those are the settings it needs.
        const built = tool?.generatedAs ? byId.get(tool.generatedAs) : tool;
        const missing = missingParams(built, pick);
        return (
          <li key={pick.id} className="rounded-lg border border-slate-200 px-3 py-2" data-testid="selected-tool" data-tool-id={pick.id}>
            <div className="flex items-center gap-2">
              <span className="min-w-0 flex-1">
                <span className="font-medium">{tool?.name ?? pick.id}</span> <code className="text-xs text-slate-500">{pick.id}</code>
                {built && built !== tool && <span className="block text-[11px] text-amber-900" data-testid="generated-as">Deprecated: generated as {built.name}</span>}
              </span>
              {missing.length > 0 && <span className="rounded bg-amber-50 px-1.5 py-0.5 text-[11px] text-amber-900">needs {missing.join(", ")}</span>}
              <button type="button" className="text-slate-400 hover:text-slate-700" aria-label={`Remove ${tool?.name ?? pick.id}`} onClick={() => onRemove(pick.id)}>
                <X className="size-4" aria-hidden />
              </button>
            </div>
            {built && built.config.length > 0 && (
              <div className="mt-2 grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1.5">
                {built.config.map((param) => (
                  <label key={param.name} className="contents text-xs text-slate-600">
                    <span title={param.description}>
                      {param.name}
                      {param.required && <span className="text-red-600">*</span>}
                    </span>
                    <ParamInput param={param} value={pick.config[param.name]} onChange={(v) => onConfig(pick.id, param.name, v)} toolName={built.name} />
                  </label>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
