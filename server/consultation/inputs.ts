import { z } from "zod";
import { PHASES } from "../projects/workflow";
import { MAX_MESSAGE_CHARS } from "./rules";
import { ProjectId } from "../projects/service";

/**
 * Input schemas of the consultation, workflow and template procedures. Routers use them
 * as `.input(...)`; services take the parsed types, so tests and the CLI share them.
 */

/** The context revision the client last saw: a write with an older one is CONFLICT. */
export const Rev = z.number().int().min(1);

/** A chat message: not blank, at most MAX_MESSAGE_CHARS (8,000) UTF-16 code units. */
export const MessageText = z
  .string()
  .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS.toLocaleString("en-US")} characters`)
  .refine((s) => s.trim().length > 0, "must not be empty");

export const ProjectInput = z.object({ projectId: ProjectId });
export const SendInput = z.object({ projectId: ProjectId, message: MessageText, rev: Rev });
export type SendInput = z.infer<typeof SendInput>;

/** A dotted spec path ("model.id", "tools.0.config.knowledge_base_id") and its new value; null clears it. */
export const SpecEdit = z.object({ path: z.string().min(1).max(200), value: z.unknown() });
export type SpecEdit = z.infer<typeof SpecEdit>;
export const UpdateSpecInput = z.object({ projectId: ProjectId, rev: Rev, edits: z.array(SpecEdit).min(1, "needs at least one edit").max(20) });
export type UpdateSpecInput = z.infer<typeof UpdateSpecInput>;

export const WorkflowInput = z.object({ projectId: ProjectId, rev: Rev });
export type WorkflowInput = z.infer<typeof WorkflowInput>;
export const GoBackInput = WorkflowInput.extend({ to: z.enum(PHASES) });
export type GoBackInput = z.infer<typeof GoBackInput>;

export const TemplateId = z.string().regex(/^(tpl_[0-9a-z]{26}|builtin-[a-z0-9-]{1,60})$/, "is not a template id");
export const TemplateRef = z.object({ templateId: TemplateId });
export const CreateTemplateInput = z.object({
  projectId: ProjectId,
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  category: z.string().trim().min(1, "is required").max(50, "must be at most 50 characters"),
  description: z.string().trim().max(500, "must be at most 500 characters").default(""),
});
export type CreateTemplateInput = z.infer<typeof CreateTemplateInput>;

/** Values for a template's `{{ variables }}`: short plain strings under identifier names. */
export const TemplateVariables = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,49}$/, "is not a variable name"),
  z.string().max(1_000, "must be at most 1,000 characters"),
);
export const UseTemplateInput = z.object({
  templateId: TemplateId,
  projectName: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  variables: TemplateVariables.refine((v) => Object.keys(v).length <= 50, "at most 50 variables").default({}),
});
export type UseTemplateInput = z.input<typeof UseTemplateInput>;
export type UseTemplateParsed = z.output<typeof UseTemplateInput>;
