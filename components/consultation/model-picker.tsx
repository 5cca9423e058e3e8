"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type SelectHTMLAttributes } from "react";
import { useTRPC } from "../trpc/client";

type Props = {
  projectId: string;
  inputProps: SelectHTMLAttributes<HTMLSelectElement> & { id: string };
  value: string;
  onChange: (value: string) => void;
};

const OTHER = "__other__";
const usd = (n: number | null) => (n === null ? "price unknown" : `~$${n.toLocaleString("en-US", { maximumFractionDigits: 0 })}/month`);

/**
 * The registry's recommendations for the draft's requirements (use case, budget, traffic,
 * capabilities), best first, or any model id typed by hand (checked on the server).
 */
export function ModelPicker({ projectId, inputProps, value, onChange }: Props) {
  const trpc = useTRPC();
  const consultation = useQuery(trpc.consultation.get.queryOptions({ projectId }));
  const req = consultation.data?.state.draft.requirements;
  const recommend = useQuery(
    trpc.registry.models.recommend.queryOptions({
      useCase: [req?.useCase, consultation.data?.state.draft.description].filter(Boolean).join(". ").slice(0, 2_000),
      monthlyBudgetUsd: req?.monthlyBudgetUsd,
      requestsPerDay: req?.requestsPerDay,
      requiredCapabilities: req?.capabilities ?? [],
      limit: 8,
    }),
  );
  const options = recommend.data ?? [];
  const [other, setOther] = useState(() => value !== "" && recommend.isSuccess && !options.some((r) => r.model.id === value));
  const known = options.some((r) => r.model.id === value);

  if (other) {
    return (
      <div className="flex flex-col gap-1">
        <input id={inputProps.id} aria-invalid={inputProps["aria-invalid"]} aria-describedby={inputProps["aria-describedby"]} className={inputProps.className} value={value} onChange={(e) => onChange(e.target.value)} placeholder="e.g. amazon.nova-pro-v1:0" autoFocus />
        <button type="button" className="self-start text-xs font-medium text-brand-600" onClick={() => setOther(false)}>Pick a recommended model</button>
      </div>
    );
  }
  return (
    <select {...inputProps} value={value} onChange={(e) => (e.target.value === OTHER ? setOther(true) : onChange(e.target.value))} autoFocus>
      {!value && <option value="">{recommend.isPending ? "Loading recommendations…" : "Choose…"}</option>}
      {value && !known && <option value={value}>{value}</option>}
      {options.map((r) => (
        <option key={r.model.id} value={r.model.id}>
          {r.model.name} · {usd(r.monthlyCostUsd)}{r.withinBudget ? "" : " (over budget)"}
        </option>
      ))}
      <option value={OTHER}>Other model id…</option>
    </select>
  );
}
