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
// Cost tab with its charts…) load when opened, each behind its own Suspense and a skeleton of
// its size. React's own lazy(), not next/dynamic: next/dynamic's loader is ~2 kB of the page's
// first-load JS, and a tab opened from the URL (?tab=code) renders on the server either way,
// its HTML kept on screen until its code has loaded. The default tab has no Suspense around it:
// React streams a boundary's content larger than its chunk size separately and reveals it up to
// 300 ms after the first paint, which made the PM's first message, the page's largest paint,
// that much later (bench/README.md, session 7).
function lazyTab(load: () => Promise<ComponentType<{ projectId: string }>>): ComponentType<{ projectId: string }> {
  const Tab = lazy(() => load().then((component) => ({ default: component })));
  return function LazyTab(props) {
    return (
      <Suspense fallback={<TabSkeleton />}>
        <Tab {...props} />
      </Suspense>
    );
  };
}
const ModelSelector = lazyTab(() => import("../models/model-selector").then((m) => m.ModelSelector));
const ToolSelector = lazyTab(() => import("../tools/tool-selector").then((m) => m.ToolSelector));
const CodeTab = lazyTab(() => import("../code/code-tab").then((m) => m.CodeTab));
const CostTab = lazyTab(() => import("../cost/cost-tab").then((m) => m.CostTab));
const TestingTab = lazyTab(() => import("../testing/testing-tab").then((m) => m.TestingTab));
const DeployTab = lazyTab(() => import("../deploy/deploy-tab").then((m) => m.DeployTab));

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
          <Content projectId={projectId} />
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
