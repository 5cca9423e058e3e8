"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FileArchive } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { saveFile } from "./save-file";
import type { VersionSummary } from "./types";
import { base64ToBytes, zipFileName, zipFiles } from "./zip-files";

/**
 * "Download ZIP" builds the archive in the browser with JSZip from the files already on
 * screen; "Stored ZIP" fetches the archive QA verified from the blob store. Both have the
 * same bytes; the first needs no round trip, the second also covers files too large to show.
 */
export function DownloadButtons({ projectId, version }: { projectId: string; version: VersionSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const project = useQuery(trpc.project.get.queryOptions({ id: projectId }));
  const [busy, setBusy] = useState<"zip" | "stored" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const files = useQuery({ ...trpc.generation.get.queryOptions({ projectId, versionId: version.id }), staleTime: Infinity });

  const stored = async () => {
    const zip = await queryClient.fetchQuery({ ...trpc.generation.download.queryOptions({ projectId, versionId: version.id }), staleTime: Infinity });
    saveFile(zip.filename, base64ToBytes(zip.base64), "application/zip");
  };
  const browser = async () => {
    // Files the API leaves out (binary or over 1 MB) are only in the stored archive.
    const all = files.data?.files ?? (await files.refetch()).data?.files;
    if (!all || all.some((f) => f.content === null)) return stored();
    const bytes = await zipFiles(all.map((f) => ({ path: f.path, content: f.content ?? "" })));
    saveFile(zipFileName(project.data?.name ?? "agent", version.version), bytes, "application/zip");
  };
  const run = (which: "zip" | "stored", fn: () => Promise<void>) => {
    setBusy(which);
    setError(null);
    fn()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(null));
  };

  return (
    <div className="flex items-center gap-2">
      {error && <span role="alert" className="text-xs text-red-600">Download failed: {error}</span>}
      <Button variant="secondary" busy={busy === "stored"} onClick={() => run("stored", stored)} title="The archive stored with this version">
        Stored ZIP
      </Button>
      <Button busy={busy === "zip"} onClick={() => run("zip", browser)}>
        <FileArchive className="size-4" aria-hidden /> Download ZIP
      </Button>
    </div>
  );
}
