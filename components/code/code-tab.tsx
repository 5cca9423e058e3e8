"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { EmptyState, ErrorMessage, Spinner } from "../ui/feedback";
import { BrowseView } from "./browse-view";
import { resolveSelection } from "./code-params";
import { CodeToolbar } from "./code-toolbar";
import { DiffView } from "./diff-view";
import { GenerateButton, GenerationStatus } from "./generate-panel";
import type { FileTarget } from "./types";
import { useCodeParams } from "./use-code-params";
import { useGenerate } from "./use-generate";

/**
 * The Code tab: the generated project's versions, their files in a read-only Monaco editor
 * beside QA's verification, diffs between versions, the ZIP downloads and Generate.
 * The version and diff live in the URL (`?tab=code&version=…&diff=…`).
 */
export function CodeTab({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.generation.listVersions.queryOptions({ projectId }));
  const [params, setParams] = useCodeParams();
  const gen = useGenerate(projectId);
  // The open file (and a finding's line) carries across versions and modes while it exists.
  const [target, setTarget] = useState<FileTarget | null>(null);

  if (versions.isPending) return <Spinner label="Loading versions" />;
  if (versions.isError) return <ErrorMessage error={versions.error} retry={() => versions.refetch()} />;

  const selection = resolveSelection(versions.data, params);
  return (
    <div className="flex flex-col gap-4" data-testid="code-tab">
      <GenerationStatus gen={gen} />
      {!selection ? (
        <EmptyState title="No code generated yet">
          <p>Generate the project from its spec: PM plans it, Dev writes it, QA verifies it and Ops packages it as version 1.</p>
          <div className="mt-4">
            <GenerateButton gen={gen} />
          </div>
        </EmptyState>
      ) : (
        <>
          <CodeToolbar projectId={projectId} versions={versions.data} selection={selection} setParams={setParams} gen={gen} />
          {selection.notice && <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{selection.notice}</p>}
          {selection.mode === "diff" && selection.base ? (
            <DiffView projectId={projectId} from={selection.base} to={selection.selected} path={target?.path ?? null} onPath={(path) => setTarget({ path })} />
          ) : (
            <BrowseView projectId={projectId} version={selection.selected} target={target} onOpen={setTarget} />
          )}
        </>
      )}
    </div>
  );
}
