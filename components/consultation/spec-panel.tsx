"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Card } from "../ui/card";
import { CompletenessMeter } from "./completeness-meter";
import { GeneratePanel } from "./generate-panel";
import { SaveTemplateForm } from "./save-template-form";
import { SpecFieldRow } from "./spec-field-row";
import { getPath } from "~/server/spec/object-path";
import { fieldLabel, SPEC_FIELDS, type FieldMeta } from "./spec-fields";
import { errorField, isConflict, type ConsultationState } from "./types";

type Props = {
  projectId: string;
  state: ConsultationState;
  changed: ReadonlySet<string>;
  onState: (state: ConsultationState, lit?: readonly string[]) => void;
  onConflict: (error: unknown) => void;
};

const TOOL_SETTING = /^tools\.\d+\.config\./;
/** A tool the generator would refuse for the language or target (the server names it and why). */
const TOOL_MISFIT = /^tools\.\d+\.id$/;

/** Settings of the draft's tools: the ones set, and the required ones still missing. */
function toolSettingFields(state: ConsultationState): FieldMeta[] {
  const paths = new Set(state.missing.filter((p) => TOOL_SETTING.test(p)));
  (state.draft.tools ?? []).forEach((t, i) => Object.keys(t.config ?? {}).forEach((key) => paths.add(`tools.${i}.config.${key}`)));
  return [...paths].sort().map((path) => ({ path, label: state.missingLabels[path] ?? fieldLabel(path), kind: "text" }));
}

/** The live spec draft beside the chat: every field with "Edit", the score, and Generate. */
export function SpecPanel({ projectId, state, changed, onState, onConflict }: Props) {
  const trpc = useTRPC();
  const tools = useQuery(trpc.registry.tools.list.queryOptions({ status: "active" }));
  const [editing, setEditing] = useState<string | null>(null);
  const update = useMutation(
    trpc.consultation.updateSpec.mutationOptions({
      onSuccess: (next, input) => {
        setEditing(null);
        onState(next, input.edits.map((e) => e.path));
      },
      onError: (e) => isConflict(e) && onConflict(e),
    }),
  );
  // The server names the field ("name: use 3-48 lowercase…"); under the field itself the name is redundant.
  const fieldError = (path: string) =>
    update.error && !isConflict(update.error) && (errorField(update.error) ?? path).startsWith(path) ? update.error.message.replace(/^[\w.]+: /, "") : null;
  /** Opens a field's editor and brings it into view (the Generate hint links here). */
  const openField = (missingPath: string) => {
    // A tool that does not fit is fixed in the Tools field (swap or remove it).
    const path = TOOL_MISFIT.test(missingPath) ? "tools" : missingPath;
    update.reset();
    setEditing(path);
    document.querySelector(`[data-testid="spec-field-${CSS.escape(path)}"]`)?.scrollIntoView({ behavior: "smooth", block: "center" });
  };
  const misfits = state.missing.filter((p) => TOOL_MISFIT.test(p)).map((p) => state.missingLabels[p] ?? p);
  const toolName = (id: string) => tools.data?.tools.find((t) => t.id === id)?.name ?? id;
  const toolFit = { language: state.draft.language ?? "python", target: state.draft.deployment?.target } as const;
  const fields = [...SPEC_FIELDS.slice(0, 3), ...toolSettingFields(state), ...SPEC_FIELDS.slice(3)];

  return (
    <Card className="flex flex-col gap-4" aria-label="Agent spec">
      <div className="flex items-baseline justify-between">
        <h2 className="font-semibold">Agent spec</h2>
        <span className="text-xs text-slate-400">Fields light up as the conversation fills them</span>
      </div>
      <CompletenessMeter completeness={state.completeness} missing={state.missing} labels={state.missingLabels} />
      <ul className="flex max-h-[28rem] flex-col gap-1 overflow-y-auto" aria-label="Spec fields">
        {fields.map((meta) => {
          const value = getPath(state.draft, meta.path);
          const display = meta.kind === "tools" && Array.isArray(value) ? (value.length ? value.map((t: { id: string }) => toolName(t.id)).join(", ") : "None: it answers from the model alone") : undefined;
          return (
            <SpecFieldRow
              key={meta.path}
              meta={meta}
              value={value}
              display={display}
              missing={state.missing.includes(meta.path) || (meta.path === "tools" && misfits.length > 0)}
              problem={meta.path === "tools" && misfits.length > 0 ? misfits.join(" · ") : undefined}
              skipped={state.skippedPaths.includes(meta.path)}
              locked={state.lockedPaths.some((l) => l === meta.path || meta.path.startsWith(`${l}.`))}
              lit={changed.has(meta.path) || (meta.path === "tools" && [...changed].some((p) => p.startsWith("tools")))}
              editing={editing === meta.path}
              projectId={projectId}
              toolFit={toolFit}
              busy={update.isPending}
              error={editing === meta.path ? fieldError(meta.path) : null}
              onEdit={() => { update.reset(); setEditing(meta.path); }}
              onCancel={() => { update.reset(); setEditing(null); }}
              onSave={(v) => update.mutate({ projectId, rev: state.rev, edits: [{ path: meta.path, value: v }] })}
            />
          );
        })}
      </ul>
      <GeneratePanel projectId={projectId} complete={state.completeness >= 1} missing={state.missing} labels={state.missingLabels} onOpen={openField} />
      <SaveTemplateForm projectId={projectId} />
    </Card>
  );
}
