"use client";

import { useMemo, useState } from "react";
import type { ToolSummary } from "~/server/api/routers/registry";
import type { ToolCategory } from "~/server/registry/schema";
import { cn } from "../ui/cn";
import { Field } from "../ui/input";
import { useDebounced } from "../ui/use-debounced";
import { targetLabel, type DeploymentTargetId as TargetId } from "../projects/deployment-targets";
import { CATEGORIES, KIND_LABEL } from "./categories";

type Props = {
  tools: readonly ToolSummary[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  language: "python" | "typescript";
  target: TargetId;
};

const matches = (t: ToolSummary, terms: string[]) => {
  const text = `${t.id} ${t.name} ${t.description}`.toLowerCase();
  return terms.every((term) => text.includes(term));
};

/** The tool registry by category, searchable, each tool a checkbox. 84 tools need no virtualization. */
export function ToolCatalog({ tools, selected, onToggle, language, target }: Props) {
  const [category, setCategory] = useState<ToolCategory | "all">("all");
  const [search, setSearch] = useState("");
  const [query] = useDebounced(search, 150);
  const byId = useMemo(() => new Map(tools.map((t) => [t.id, t])), [tools]);
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const searched = tools.filter((t) => matches(t, terms));
  const shown = searched.filter((t) => category === "all" || t.category === category);
  const count = (c: ToolCategory | "all") => (c === "all" ? searched.length : searched.filter((t) => t.category === c).length);

  return (
    <div className="flex flex-col gap-3" data-testid="tool-catalog">
      <Field label="Search tools" type="search" placeholder="e.g. browser, knowledge base, slack" value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className="flex flex-wrap gap-1.5" role="group" aria-label="Categories">
        {[{ id: "all" as const, label: "All" }, ...CATEGORIES].map((c) => (
          <button
            key={c.id}
            type="button"
            aria-pressed={category === c.id}
            onClick={() => setCategory(c.id)}
            className="rounded-full border border-slate-300 px-2.5 py-1 text-xs text-slate-700 hover:bg-slate-50 aria-pressed:border-brand-600 aria-pressed:bg-brand-600 aria-pressed:text-white"
          >
            {c.label} <span className="opacity-70">{count(c.id)}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">No tool matches “{query}” here.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Tools">
          {shown.map((t) => {
            const replacement = t.generatedAs ? byId.get(t.generatedAs) : undefined;
            // Marked as what the generator builds: a deprecated tool as its replacement.
            const built = replacement ?? t;
            const unsupported = !built.platforms[target].supported;
            const noLanguage = !built.languages[language];
            return (
              <li key={t.id} data-testid="tool-item" data-tool-id={t.id}>
                <label className={cn("flex cursor-pointer gap-3 px-3 py-2.5 hover:bg-slate-50", selected.has(t.id) && "bg-brand-50/60")}>
                  <input type="checkbox" className="mt-1 size-4 shrink-0 accent-brand-600" checked={selected.has(t.id)} onChange={() => onToggle(t.id)} aria-label={`Select ${t.name}`} />
                  <span className="min-w-0 flex-1">
                    <span className="flex flex-wrap items-center gap-1.5">
                      <span className="font-medium text-slate-900">{t.name}</span>
                      <code className="text-xs text-slate-500">{t.id}</code>
                      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600">{KIND_LABEL[t.kind] ?? t.kind}</span>
                      {t.status === "deprecated" && (
                        <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900" data-testid="deprecated-label">
                          Deprecated{replacement ? `: use ${replacement.name}` : ""}
                        </span>
                      )}
                      {unsupported && <span className="rounded bg-red-50 px-1.5 py-0.5 text-[11px] text-red-800">Not on {targetLabel(target)}</span>}
                      {noLanguage && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-500">No {language === "python" ? "Python" : "TypeScript"} version</span>}
                    </span>
                    <span className="mt-0.5 line-clamp-2 block text-sm text-slate-600">{t.description}</span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
