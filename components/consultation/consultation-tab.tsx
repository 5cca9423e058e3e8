"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useProjectEvents } from "../realtime/use-project-events";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorMessage, Spinner } from "../ui/feedback";
import { ChatPanel } from "./chat-panel";
import { PhaseBar } from "./phase-bar";
import { SpecPanel } from "./spec-panel";
import { isConflict } from "./types";
import { useConsultation } from "./use-consultation";

/**
 * The Consultation tab: a chat with the PM (replies stream in) beside the live spec draft
 * (fields light up as they are filled, each editable), the completeness score, the
 * workflow phase, and Generate once the spec is complete.
 */
export function ConsultationTab({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const c = useConsultation(projectId);
  const [conflict, setConflict] = useState(false);
  // Phase changes and pipeline progress made elsewhere (another tab, the workers) show up here.
  useProjectEvents(projectId, (event, { replay }) => {
    if (event.type === "phase.changed" && !replay && !c.live) void queryClient.invalidateQueries({ queryKey: trpc.consultation.get.queryKey({ projectId }) });
  });

  if (c.query.isPending) return <Spinner label="Loading the consultation" />;
  if (c.query.isError) return <ErrorMessage error={c.query.error} retry={() => c.query.refetch()} />;
  const { state, messages, question, limits, model } = c.query.data;
  const sendConflict = isConflict(c.error);
  const reload = async () => {
    setConflict(false);
    await c.reload();
  };

  return (
    <div className="flex flex-col gap-4" data-testid="consultation-tab">
      <Card className="py-3">
        <PhaseBar projectId={projectId} state={state} onState={(s) => c.applyState(s)} onConflict={() => setConflict(true)} />
      </Card>
      {(conflict || sendConflict) && (
        <div role="alert" className="flex items-center justify-between gap-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="conflict">
          <span>This project changed in another tab or window. Reload to see the latest version; what you typed stays in the box.</span>
          <Button variant="secondary" onClick={reload}>Reload</Button>
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <ChatPanel
            messages={messages}
            question={question}
            live={c.live}
            failure={c.failure}
            notice={c.notice}
            understanding={c.understanding}
            sendError={c.error && !sendConflict ? (c.error as Error).message : null}
            maxChars={limits.maxMessageChars}
            modelLabel={`Replies by ${model.label}`}
            modelId={model.id}
            onSend={c.send}
            onRetry={() => void c.retry()}
          />
        </div>
        <div className="lg:col-span-2">
          <SpecPanel projectId={projectId} state={state} changed={c.changed} onState={c.applyState} onConflict={() => setConflict(true)} />
        </div>
      </div>
    </div>
  );
}
