"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { EmptyState, ErrorMessage, Spinner } from "../ui/feedback";
import { CodeDiffEditor } from "./editors";
import { LANGUAGE_LABEL, languageOf } from "./languages";
import type { FileDiff, VersionSummary } from "./types";

type Props = { projectId: string; from: VersionSummary; to: VersionSummary; path: string | null; onPath: (path: string) => void };

const STATUS: Record<FileDiff["status"], { mark: string; label: string; style: string }> = {
  added: { mark: "A", label: "added", style: "bg-emerald-100 text-emerald-700" },
  removed: { mark: "D", label: "removed", style: "bg-red-100 text-red-700" },
  modified: { mark: "M", label: "modified", style: "bg-amber-100 text-amber-800" },
};

/** What changed from one version to another: the changed files, and Monaco's diff of the chosen one. */
export function DiffView({ projectId, from, to, path, onPath }: Props) {
  const trpc = useTRPC();
  // Versions are immutable: their diff and files never go stale.
  const diff = useQuery({ ...trpc.generation.diff.queryOptions({ projectId, from: from.id, to: to.id }), staleTime: Infinity });
  const before = useQuery({ ...trpc.generation.get.queryOptions({ projectId, versionId: from.id }), staleTime: Infinity });
  const after = useQuery({ ...trpc.generation.get.queryOptions({ projectId, versionId: to.id }), staleTime: Infinity });

  const failed = [diff, before, after].find((q) => q.isError);
  if (failed) return <ErrorMessage error={failed.error} retry={() => void Promise.all([diff.refetch(), before.refetch(), after.refetch()])} />;
  if (!diff.data || !before.data || !after.data) return <Spinner label={`Comparing v${from.version} with v${to.version}`} />;

  const changed = diff.data.files;
  if (changed.length === 0) return <EmptyState title={`v${from.version} and v${to.version} have identical files`}>Pick another pair of versions above.</EmptyState>;

  const current = changed.find((f) => f.path === path) ?? changed[0]!;
  const contentOf = (files: typeof before.data.files, p: string) => files.find((f) => f.path === p)?.content;
  const original = contentOf(before.data.files, current.path);
  const modified = contentOf(after.data.files, current.path);
  const language = languageOf(current.path);

  return (
    <div className="grid gap-4 lg:grid-cols-[17rem_minmax(0,1fr)]">
      <Card className="max-h-[40rem] overflow-auto p-3">
        <p className="mb-2 text-xs text-slate-500">
          {changed.length} changed file{changed.length > 1 ? "s" : ""} from v{from.version} to v{to.version}
        </p>
        <ul aria-label="Changed files" className="text-sm">
          {changed.map((f) => (
            <li key={f.path}>
              <button
                type="button"
                data-path={f.path}
                data-status={f.status}
                aria-current={f.path === current.path ? "true" : undefined}
                onClick={() => onPath(f.path)}
                className={cn("flex w-full items-center gap-2 rounded px-1.5 py-1 text-left", f.path === current.path ? "bg-brand-50 text-brand-700" : "hover:bg-slate-100")}
              >
                <span className={cn("w-5 shrink-0 rounded text-center text-xs font-semibold", STATUS[f.status].style)} title={STATUS[f.status].label}>{STATUS[f.status].mark}</span>
                <span className="min-w-0 flex-1 truncate font-mono text-xs" title={f.path}>{f.path}</span>
                {f.hunks && (
                  <span className="shrink-0 text-xs tabular-nums">
                    <span className="text-emerald-600">+{f.additions}</span> <span className="text-red-600">−{f.deletions}</span>
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </Card>
      <Card className="flex min-w-0 flex-col overflow-hidden p-0">
        <div className="border-b border-slate-200 px-4 py-2">
          <p className="truncate font-mono text-sm font-medium text-slate-800" data-testid="diff-file">{current.path}</p>
          <p className="text-xs text-slate-500">{LANGUAGE_LABEL[language]} · {STATUS[current.status].label} · v{from.version} → v{to.version}</p>
        </div>
        <div className="h-[36rem]">
          {original === null || modified === null ? (
            <p className="p-4 text-sm text-slate-500">This file is binary or larger than 1 MB; compare it from the ZIPs.</p>
          ) : (
            // Keyed so each file gets a fresh diff widget (and its models are disposed on switch).
            <CodeDiffEditor key={`${from.id}:${to.id}:${current.path}`} original={original ?? ""} modified={modified ?? ""} language={language} label={`Diff of ${current.path}`} />
          )}
        </div>
      </Card>
    </div>
  );
}
