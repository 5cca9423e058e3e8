"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { ComponentType } from "react";
import { ConsultationTab } from "../consultation/consultation-tab";
import { PipelinePanel } from "../pipeline/pipeline-panel";
import { useTRPC } from "../trpc/client";
import { Card } from "../ui/card";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { Tabs } from "../ui/tabs";
import { isProjectTab, PROJECT_TABS, type ProjectTabId } from "./project-tabs";
import { TabSkeleton } from "./tab-skeleton";

// Only the default tab ships with the page; the others (the Code tab with its editor, the
// Cost tab with its charts…) load when opened, behind a skeleton of their size.
// (Each dynamic() call keeps its import() inline: that is how Next finds the chunk to preload.)
const loading = TabSkeleton;
const ModelSelector = dynamic(() => import("../models/model-selector").then((m) => m.ModelSelector), { loading });
const ToolSelector = dynamic(() => import("../tools/tool-selector").then((m) => m.ToolSelector), { loading });
const CodeTab = dynamic(() => import("../code/code-tab").then((m) => m.CodeTab), { loading });
const CostTab = dynamic(() => import("../cost/cost-tab").then((m) => m.CostTab), { loading });
const TestingTab = dynamic(() => import("../testing/testing-tab").then((m) => m.TestingTab), { loading });
const DeployTab = dynamic(() => import("../deploy/deploy-tab").then((m) => m.DeployTab), { loading });

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
        <Link href="/dashboard" className="text-sm text-slate-500 hover:text-slate-800">← Projects</Link>
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
