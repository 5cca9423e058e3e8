import { z } from "zod";

/** Messages a browser or API client may send over the realtime WebSocket. */
export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("subscribe"), projectId: z.string().regex(/^prj_[0-9a-z]{26}$/), afterSeq: z.number().int().min(0).default(0) }),
  z.object({ type: z.literal("unsubscribe"), projectId: z.string().regex(/^prj_[0-9a-z]{26}$/) }),
  z.object({ type: z.literal("cancel-modification"), projectId: z.string().regex(/^prj_[0-9a-z]{26}$/), modificationId: z.string().regex(/^mod_[0-9a-z]{26}$/) }),
  z.object({ type: z.literal("ping") }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** What the server sends: events (live or replayed), acknowledgements and errors. */
export type ServerMessage =
  | { type: "event"; event: { projectId: string; seq: number; type: string; payload: unknown; createdAt: string } }
  | { type: "subscribed"; projectId: string; replayed: number; lastSeq: number }
  | { type: "error"; message: string; projectId?: string }
  | { type: "pong" };

export const REALTIME_PATH = "/realtime";
export const MAX_CLIENT_MESSAGE_BYTES = 4096;
