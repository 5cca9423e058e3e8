"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "../trpc/client";
import { Card } from "../ui/card";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { CodeEditor } from "./editors";
import { FileActions } from "./file-actions";
import { defaultFile } from "./file-tree-model";
import { FileTree } from "./file-tree";
import { formatBytes } from "./format";
import { LANGUAGE_LABEL, languageOf } from "./languages";
import type { FileTarget, VersionSummary } from "./types";
import { problemsByFile } from "./verification";
import { VerificationPanel } from "./verification-panel";

type Props = { projectId: string; version: VersionSummary; target: FileTarget | null; onOpen: (target: FileTarget) => void };

/** One version: its files as a tree, QA's verification beside them, the open file in Monaco. */
export function BrowseView({ projectId, version, target, onOpen }: Props) {
  const trpc = useTRPC();
  // A version never changes once stored, so its files are fetched once.
  const files = useQuery({ ...trpc.generation.get.queryOptions({ projectId, versionId: version.id }), staleTime: Infinity });
  const paths = useMemo(() => files.data?.files.map((f) => f.path) ?? [], [files.data]);
  const fileSet = useMemo(() => new Set(paths), [paths]);
  const problems = useMemo(() => problemsByFile(version.verification), [version.verification]);

  if (files.isPending) return <Spinner label={`Loading v${version.version}`} />;
  if (files.isError) return <ErrorMessage error={files.error} retry={() => files.refetch()} />;

  // The file asked for, when this version has it; else the README or the first file.
  const path = target && fileSet.has(target.path) ? target.path : defaultFile(paths);
  const line = target && target.path === path ? target.line : undefined;
  const file = files.data.files.find((f) => f.path === path);
  const language = languageOf(path ?? "");

  return (
    <div className="grid gap-4 lg:grid-cols-[17rem_minmax(0,1fr)]">
      <div className="flex flex-col gap-4">
        <Card className="max-h-[32rem] overflow-auto p-3">
          <FileTree paths={paths} selected={path} onSelect={(p) => onOpen({ path: p })} problems={problems} />
        </Card>
        <Card className="p-4">
          <VerificationPanel verification={version.verification} files={fileSet} onOpen={onOpen} />
        </Card>
      </div>
      <Card className="flex min-w-0 flex-col overflow-hidden p-0">
        {file ? (
          <>
            <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-2">
              <div className="min-w-0">
                <p className="truncate font-mono text-sm font-medium text-slate-800" data-testid="open-file">{file.path}</p>
                <p className="text-xs text-slate-500">{LANGUAGE_LABEL[language]} · {formatBytes(file.size)}</p>
              </div>
              {file.content !== null && <FileActions path={file.path} content={file.content} />}
            </div>
            <div className="h-[36rem]">
              {file.content === null ? (
                <p className="p-4 text-sm text-slate-500">This file is binary or larger than 1 MB; it is in the ZIP.</p>
              ) : (
                <CodeEditor value={file.content} language={language} line={line} label={`${file.path}, read-only`} />
              )}
            </div>
          </>
        ) : (
          <p className="p-4 text-sm text-slate-500">This version has no files.</p>
        )}
      </Card>
    </div>
  );
}
