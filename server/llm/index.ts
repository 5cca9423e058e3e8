export type { ChatMessage, Completion, LanguageModel, LanguageModelUsage, StopReason, StreamEvent } from "./types";
export { LanguageModelRequest, parseRequest } from "./types";
export { LanguageModelError } from "./errors";
export { BedrockLanguageModel } from "./bedrock";
export { OpenAICompatibleLanguageModel } from "./openai-compatible";
export { RuleBasedLanguageModel } from "./rule-based";
export { ResilientLanguageModel } from "./resilient";
export { createLanguageModel, LanguageModelConfig } from "./create";
