import type { ToolResolution } from "~/server/registry/tools";

/**
 * What the selection pulls in for the project's language: each tool with its own packages
 * (the tree), then the merged requirements file, environment and IAM actions.
 */
export function DependencyTree({ resolution }: { resolution: ToolResolution }) {
  const manager = resolution.language === "python" ? "pip" : "npm";
  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="dependency-tree">
      <section>
        <h4 className="mb-1 font-medium text-slate-700">Per tool ({manager})</h4>
        <ul className="flex flex-col gap-1" aria-label="Dependencies per tool">
          {resolution.tools.map((t) => (
            <li key={t.id}>
              <span className="font-medium">{t.name}</span>
              {t.generatedAs && <span className="ml-2 text-xs text-amber-900">generated as {t.generatedAs.name}</span>}
              {t.packages.length === 0 ? (
                <span className="ml-2 text-xs text-slate-500">no extra packages</span>
              ) : (
                <ul className="ml-3 border-l border-slate-200 pl-3">
                  {t.packages.map((p) => (
                    <li key={p.name}><code className="text-xs">{p.name} {p.version}</code></li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h4 className="mb-1 font-medium text-slate-700">Resolved {resolution.language === "python" ? "requirements.txt" : "package.json dependencies"}</h4>
        <ul className="rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100" data-testid="resolved-packages">
          {resolution.packages.map((p) => (
            <li key={p.name} title={`needed by ${p.requiredBy.map((r) => r.toolId).join(", ")}`}>
              {manager === "pip" ? `${p.name}${p.version}` : `"${p.name}": "${p.version}"`}
            </li>
          ))}
        </ul>
      </section>
      {resolution.env.length > 0 && (
        <section>
          <h4 className="mb-1 font-medium text-slate-700">Environment</h4>
          <ul className="flex flex-col gap-0.5">
            {resolution.env.map((v) => (
              <li key={v.name}>
                <code className="text-xs">{v.name}</code>
                {v.secret && <span className="ml-1.5 rounded bg-amber-50 px-1 text-[11px] text-amber-900">secret</span>}
                {v.required && <span className="ml-1.5 text-[11px] text-slate-500">required</span>}
                <span className="ml-1.5 text-xs text-slate-500">{v.description}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {resolution.iam.length > 0 && (
        <section>
          <h4 className="mb-1 font-medium text-slate-700">IAM permissions</h4>
          <ul className="flex flex-col gap-1">
            {resolution.iam.map((s) => (
              <li key={s.resources.join(",")}>
                <code className="text-xs">{s.actions.join(", ")}</code>
                <span className="block text-[11px] text-slate-500">on {s.resources.join(", ")}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
