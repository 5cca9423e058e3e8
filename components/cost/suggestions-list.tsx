"use client";

import { memo } from "react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { usd } from "./format";
import type { CostSuggestion } from "./types";

type Props = {
  suggestions: CostSuggestion[];
  onApply: (id: string) => void;
  /** The suggestion being applied; every Apply waits for it. */
  pendingId: string | null;
};

/** Savings ranked by how much they save, each with an Apply that changes the spec draft. */
export const SuggestionsList = memo(function SuggestionsList({ suggestions, onApply, pendingId }: Props) {
  return (
    <Card className="flex flex-col gap-3" aria-label="Suggestions">
      <h3 className="font-semibold">Ways to save</h3>
      {suggestions.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing to suggest: this configuration is already the cheapest we know of for its needs.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {suggestions.map((s) => (
            <li key={s.id} className="flex flex-col gap-1 py-3" data-testid="suggestion">
              <p className="text-sm font-medium">{s.title}</p>
              <p className="text-xs text-slate-500">{s.detail}</p>
              <div className="mt-1 flex items-center justify-between gap-3">
                <span className="text-sm font-semibold text-emerald-700 tabular-nums">
                  {s.monthlySaving > 0 ? `−${usd(s.monthlySaving)} / month` : `Worst case −${usd(s.worstCaseMonthlySaving ?? 0)} / month`}
                </span>
                <Button
                  variant="secondary"
                  className="px-2.5 py-1 text-xs"
                  busy={pendingId === s.id}
                  disabled={pendingId !== null}
                  aria-label={`Apply: ${s.title}`}
                  onClick={() => onApply(s.id)}
                >
                  Apply
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
});
