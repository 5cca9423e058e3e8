import { extractSpec } from "../consultation/rules/extract-spec";
import { composePmReply, readPmState } from "../consultation/rules/pm-reply";
import type { SpecRegistry } from "../consultation/rules/registry-view";
import { collectStream, estimateTokens } from "./collect";
import { parseRequest, type LanguageModelRequest, type Completion, type LanguageModel, type StreamEvent } from "./types";

export type OfflineOptions = {
  registry?: SpecRegistry;
  /** Characters per streamed chunk (whole words are kept together). */
  chunkChars?: number;
};

/**
 * The model that needs no network: deterministic and rule-based. It answers as the PM
 * persona — confirms what it understood and asks about the most important missing
 * field — from the extraction state in the system prompt (see buildPmSystemPrompt) or,
 * without one, by running the extraction over the conversation itself.
 */
export class RuleBasedLanguageModel implements LanguageModel {
  readonly id = "offline";
  readonly label = "the offline model (rule-based)";
  private readonly registry: SpecRegistry;
  private readonly chunkChars: number;

  constructor(opts: OfflineOptions = {}) {
    this.registry = opts.registry ?? { tools: [], models: [] };
    this.chunkChars = opts.chunkChars ?? 24;
  }

  /** The whole reply, computed synchronously: what `stream` sends in chunks. */
  reply(req: LanguageModelRequest): string {
    const state = readPmState(req.system);
    if (state) return composePmReply(state, this.registry);
    const before = extractSpec(req.messages.slice(0, lastUserIndex(req.messages)), {}, this.registry);
    const after = extractSpec(req.messages, before.draft, this.registry);
    return composePmReply(after, this.registry);
  }

  async *stream(req: LanguageModelRequest, signal?: AbortSignal): AsyncIterable<StreamEvent> {
    const parsed = parseRequest(req);
    const text = this.reply(parsed);
    for (const delta of chunk(text, this.chunkChars)) {
      signal?.throwIfAborted();
      yield { type: "text", delta };
      // Let the transport flush each chunk so the UI shows the reply growing.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const input = (parsed.system ?? "") + parsed.messages.map((m) => m.content).join("\n");
    yield { type: "done", usage: { inputTokens: estimateTokens(input), outputTokens: estimateTokens(text) }, stopReason: "end_turn", servedBy: this.id };
  }

  complete(req: LanguageModelRequest, signal?: AbortSignal): Promise<Completion> {
    return collectStream(this.stream(req, signal), this.id);
  }
}

function lastUserIndex(messages: LanguageModelRequest["messages"]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === "user") return i;
  return 0;
}

/** Splits after whitespace so chunks end on word boundaries; joined, they give the text back exactly. */
export function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const piece of text.split(/(?<=\s)/)) {
    if (current && current.length + piece.length > size) {
      out.push(current);
      current = "";
    }
    current += piece;
  }
  if (current) out.push(current);
  return out;
}
