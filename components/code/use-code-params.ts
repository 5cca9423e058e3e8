"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { codeQuery, readCodeParams, type CodeParams } from "./code-params";

/** The Code tab's version and diff choice, kept in the URL so links and reloads land on it. */
export function useCodeParams(): [CodeParams, (next: CodeParams) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const setParams = useCallback((next: CodeParams) => router.replace(`${pathname}${codeQuery(next)}`, { scroll: false }), [router, pathname]);
  return [readCodeParams(search), setParams];
}
