import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import type { SendEvent } from "~/server/consultation";
import { errorDetails } from "../ui/errors";

type Outputs = inferRouterOutputs<AppRouter>;
export type ConsultationView = Outputs["consultation"]["get"];
export type ConsultationState = ConsultationView["state"];
export type ChatMessage = ConsultationView["messages"][number];
export type SpecDraftView = ConsultationState["draft"];
export type Phase = ConsultationState["phase"];
export type { SendEvent };
export type Understanding = NonNullable<Extract<SendEvent, { type: "accepted" }>["understanding"]>;

/** The typed detail a DomainError carries to the client (`data.details`). */
export function errorField(error: unknown): string | null {
  const field = errorDetails(error)?.field;
  return typeof field === "string" ? field : null;
}

export const errorCode = (error: unknown): string | null => (error as { data?: { code?: string } } | null)?.data?.code ?? null;
export const isConflict = (error: unknown) => errorCode(error) === "CONFLICT";
