"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";

/**
 * The regression gate per version (testing.suite.compare), for version lists: a regressed
 * version is labelled, and choosing it asks the user to confirm they mean it.
 */
export function useRegressedVersions(projectId: string) {
  const trpc = useTRPC();
  const compare = useQuery(trpc.testing.suite.compare.queryOptions({ projectId }));
  const regressed = new Map((compare.data?.versions ?? []).filter((v) => v.gate.regressed).map((v) => [v.versionId, v]));
  return {
    label: (versionId: string, version: number) => (regressed.has(versionId) ? `v${version} — regressed` : `v${version}`),
    /** True to go ahead: not regressed, or the user confirmed. */
    confirmChoice: (versionId: string) => {
      const v = regressed.get(versionId);
      if (!v) return true;
      return window.confirm(`v${v.version} is marked regressed: its eval suite score is ${v.gate.drop?.toFixed(1)} points below v${v.gate.baselineVersion}'s (more than the ${v.gate.margin}-point margin). Use it anyway?`);
    },
  };
}
