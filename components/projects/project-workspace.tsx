"use client";

import { useQuery } from "@tanstack/react-query";
import { AppLink } from "../ui/app-link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { lazy, Suspense, type ComponentType } from "react";
import { ConsultationTab } from "../consultation/consultation-tab";
import { PipelinePanel } from "../pipeline/pipeline-panel";
import { useTRPC } from "../trpc/client";
import { Card } from "../ui/card";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { Tabs } from "../ui/tabs";
import { isProjectTab, PROJECT_TABS, type ProjectTabId } from "./project-tabs";
import { TabSkeleton } from "./tab-skeleton";

// Only the default tab ships with the page; the others (the Code tab with its editor, the
// Cost tab with its charts…) load when opened, behind a skeleton of their size (the Suspense
// fallback below). React's own lazy(), not next/dynamic: next/dynamic's loader is ~2 kB of
// the page's first-load JS, and a tab opened from the URL (?tab=code) renders on the server
// either way, its HTML kept on screen until its code has loaded.
const ModelSelector = lazy(() => import("../models/model-selector").then((m) => ({ default: m.ModelSelector })));
const ToolSelector = lazy(() => import("../tools/tool-selector").then((m) => ({ default: m.ToolSelector })));
const CodeTab = lazy(() => import("../code/code-tab").then((m) => ({ default: m.CodeTab })));
const CostTab = lazy(() => import("../cost/cost-tab").then((m) => ({ default: m.CostTab })));
const TestingTab = lazy(() => import("../testing/testing-tab").then((m) => ({ default: m.TestingTab })));
const DeployTab = lazy(() => import("../deploy/deploy-tab").then((m) => ({ default: m.DeployTab })));

/** Tab contents registered by the capabilities that own them; absent ones show their purpose. */
const TAB_CONTENT: Partial<Record<ProjectTabId, ComponentType<{ projectId: string }>>> = {
  consultation: ConsultationTab,
  models: ModelSelector,
  tools: ToolSelector,
  code: CodeTab,
  cost: CostTab,
  testing: TestingTab,
  deploy: DeployTab,
};

export function ProjectWorkspace({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.project.get.queryOptions({ id: projectId }));
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const requested = params.get("tab");
  const tab: ProjectTabId = isProjectTab(requested) ? requested : "consultation";

  const Content = TAB_CONTENT[tab];
  const selected = PROJECT_TABS.find((t) => t.id === tab)!;

  if (project.isPending) return <Spinner label="Loading project" />;
  if (project.isError) return <ErrorMessage error={project.error} retry={() => project.refetch()} />;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <AppLink href="/dashboard" className="text-sm text-slate-500 hover:text-slate-800">← Projects</AppLink>
        <h1 className="mt-1 text-2xl font-bold" data-testid="project-title">{project.data.name}</h1>
      </div>
      <PipelinePanel projectId={projectId} />
      <Tabs
        label="Project sections"
        tabs={PROJECT_TABS}
        value={tab}
        onChange={(v) => router.replace(`${pathname}?tab=${v}`, { scroll: false })}
        listClassName="flex gap-1 overflow-x-auto border-b border-slate-200"
        tabClassName="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 data-[state=active]:border-brand-600 data-[state=active]:font-medium data-[state=active]:text-slate-900"
        panelClassName="pt-6"
      >
        {Content ? (
          <Suspense fallback={<TabSkeleton />}>
            <Content projectId={projectId} />
          </Suspense>
        ) : (
          <Card>
            <h2 className="font-semibold">{selected.label}</h2>
            <p className="mt-1 text-sm text-slate-600">{selected.blurb}</p>
            <p className="mt-3 text-xs text-slate-400">Not available yet in this build.</p>
          </Card>
        )}
      </Tabs>
    </div>
  );
}
