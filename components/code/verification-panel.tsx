"use client";

import { CircleCheck, CircleX } from "lucide-react";
import { useState } from "react";
import { cn } from "../ui/cn";
import { formatMs, plural } from "./format";
import type { FileTarget, Verification } from "./types";
import { RehearsalSection } from "./rehearsal-section";
import { CHECK_LABEL, checkMark, summarizeVerification } from "./verification";

/**
 * QA's verdict on this version, beside the files: which checks ran and every finding by file
 * and line. A finding in a file of the project opens that file at its line.
 */
export function VerificationPanel({ verification, files, onOpen }: { verification: Verification | null; files: ReadonlySet<string>; onOpen: (target: FileTarget) => void }) {
  const s = summarizeVerification(verification);
  const [showChecks, setShowChecks] = useState(false);
  const checkedFiles = Math.max(0, ...s.ran.map((r) => r.files));

  return (
    <section aria-label="Verification" data-testid="verification" data-state={s.state} className="flex flex-col gap-3 text-sm">
      <div className="flex items-center gap-2">
        {s.state === "passed" && <CircleCheck className="size-4 text-emerald-600" aria-hidden />}
        {s.state === "failed" && <CircleX className="size-4 text-red-600" aria-hidden />}
        <h3 className="font-semibold text-slate-800">
          {s.state === "passed" ? "Verified" : s.state === "failed" ? "Verification failed" : "Not verified"}
        </h3>
      </div>
      {s.state === "not-run" ? (
        <p className="text-xs text-slate-500">This version carries no verification result.</p>
      ) : (
        <p className="text-xs text-slate-500" data-testid="verification-summary">
          {plural(s.ran.length, "check")} on {plural(checkedFiles, "file")} · {plural(s.errors, "error")} · {plural(s.warnings, "warning")}
        </p>
      )}
      {verification?.rehearsal && <RehearsalSection rehearsal={verification.rehearsal} />}
      {s.ran.length > 0 && (
        <div>
          <button type="button" className="text-xs font-medium text-brand-600" aria-expanded={showChecks} onClick={() => setShowChecks((v) => !v)}>
            {showChecks ? "Hide" : "Show"} the checks that ran
          </button>
          {showChecks && (
            <ul className="mt-1 space-y-0.5 text-xs text-slate-600" aria-label="Checks that ran">
              {s.ran.map((r) => {
                const mark = checkMark(r, verification);
                return (
                  <li key={r.check} className="flex justify-between gap-2" data-status={mark.status}>
                    <span className={mark.status === "failed" ? "text-red-700" : mark.status === "passed" ? undefined : "text-slate-400"}>
                      {mark.symbol} {CHECK_LABEL[r.check] ?? r.check}
                      {mark.status === "not-applicable" ? " (not applicable)" : mark.status === "skipped" ? " (skipped)" : ""}
                    </span>
                    <span className="shrink-0 whitespace-nowrap tabular-nums text-slate-400" title={`${plural(r.files, "file")} in ${formatMs(r.ms)}`}>{r.files} · {formatMs(r.ms)}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
      {s.byFile.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label="Findings">
          {s.byFile.map(({ file, findings }) => (
            <li key={file}>
              <p className="truncate font-mono text-xs font-medium text-slate-700" title={file}>{file}</p>
              <ul className="mt-0.5 space-y-0.5">
                {findings.map((f, i) => {
                  const openable = files.has(f.file);
                  return (
                    <li key={i}>
                      <button
                        type="button"
                        disabled={!openable}
                        data-testid="finding"
                        onClick={() => onOpen({ path: f.file, line: f.line })}
                        className={cn(
                          "w-full rounded px-1.5 py-1 text-left text-xs enabled:hover:bg-slate-100 disabled:cursor-default",
                          f.severity === "error" ? "text-red-700" : "text-amber-800",
                        )}
                      >
                        <span className="font-medium">{f.line ? `Line ${f.line}` : f.severity === "error" ? "Error" : "Warning"}</span> · {f.message}
                        <span className="block text-[11px] text-slate-400">{CHECK_LABEL[f.check] ?? f.check}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
