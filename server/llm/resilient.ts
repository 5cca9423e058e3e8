import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from "cockatiel";
import { collectStream, withPartialText } from "./collect";
import { LanguageModelError, describeError, isAbortError } from "./errors";
import { hasStructured, type StructuredModel, type StructuredRequest, type StructuredResult } from "./structured";
import { parseRequest, type LanguageModelRequest, type Completion, type LanguageModel, type StreamEvent } from "./types";

export type ResilienceOptions = {
  /** Attempts in total for one request, the first included. */
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Consecutive failed requests that open the breaker. */
  breakAfter?: number;
  /** How long the breaker stays open before one trial request. */
  halfOpenAfterMs?: number;
  /** Time allowed until the first streamed event; later silence is the provider's business. */
  firstEventTimeoutMs?: number;
  /** Time allowed for a whole structured answer (it is read at once, not streamed). */
  structuredTimeoutMs?: number;
};

const DEFAULTS: Required<ResilienceOptions> = {
  maxAttempts: 3,
  initialDelayMs: 200,
  maxDelayMs: 2_000,
  breakAfter: 5,
  halfOpenAfterMs: 30_000,
  firstEventTimeoutMs: 30_000,
  structuredTimeoutMs: 45_000,
};

const isTransient = (e: unknown) => e instanceof LanguageModelError && e.transient;

/**
 * Wraps the configured model: transient failures before the first event are retried
 * with exponential backoff behind a circuit breaker; when the provider stays
 * unreachable (or the breaker is open) the fallback answers and the stream's first
 * event is a notice saying so. Failures after text has streamed are not hidden: they
 * throw with the partial text, so the caller keeps it, marks it and offers a retry.
 */
export class ResilientLanguageModel implements LanguageModel, StructuredModel {
  readonly id: string;
  readonly label: string;
  readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private readonly options: Required<ResilienceOptions>;

  constructor(
    private readonly primary: LanguageModel,
    private readonly fallback: LanguageModel,
    options: ResilienceOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.id = primary.id;
    this.label = primary.label;
    this.breaker = circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: this.options.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(this.options.breakAfter),
    });
    const retryPolicy = retry(handleWhen(isTransient), {
      maxAttempts: this.options.maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: this.options.initialDelayMs, maxDelay: this.options.maxDelayMs }),
    });
    this.policy = wrap(retryPolicy, this.breaker);
  }

  async *stream(req: LanguageModelRequest, signal?: AbortSignal): AsyncIterable<StreamEvent> {
    parseRequest(req);
    let opened: Opened;
    try {
      opened = await this.policy.execute(() => this.open(req, signal), signal);
    } catch (e) {
      if (isAbortError(e) || signal?.aborted) throw e;
      yield { type: "notice", message: this.fallbackNotice(e) };
      yield* this.fallback.stream(req, signal);
      return;
    }
    const { iterator, first } = opened;
    let text = "";
    try {
      for (let step = first; !step.done; step = await iterator.next()) {
        if (step.value.type === "text") text += step.value.delta;
        yield step.value;
      }
    } catch (e) {
      throw withPartialText(e, text, this.id);
    } finally {
      await iterator.return?.();
    }
  }

  complete(req: LanguageModelRequest, signal?: AbortSignal): Promise<Completion> {
    return collectStream(this.stream(req, signal), this.id);
  }

  /**
   * The primary's structured answer under the same retries, breaker and time limit. There
   * is no model fallback here: the caller falls back to the rule engine and says so.
   */
  structured(req: StructuredRequest, signal?: AbortSignal): Promise<StructuredResult> {
    const primary = this.primary;
    if (!hasStructured(primary)) return Promise.reject(new LanguageModelError(`${this.label} gives no structured answers`, { provider: this.id, transient: false }));
    return this.policy.execute(async () => {
      const timeout = new AbortController();
      const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
      const timer = setTimeout(() => timeout.abort(), this.options.structuredTimeoutMs);
      try {
        return await primary.structured(req, combined);
      } catch (e) {
        if (timeout.signal.aborted && !signal?.aborted) throw new LanguageModelError(`${this.label} did not answer within ${this.options.structuredTimeoutMs} ms`, { provider: this.id, transient: true, cause: e });
        throw e;
      } finally {
        clearTimeout(timer);
      }
    }, signal);
  }

  /** Starts the primary stream and waits for its first event, bounded by a timeout. */
  private async open(req: LanguageModelRequest, signal?: AbortSignal): Promise<Opened> {
    const timeout = new AbortController();
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    const timer = setTimeout(() => timeout.abort(), this.options.firstEventTimeoutMs);
    const iterator = this.primary.stream(req, combined)[Symbol.asyncIterator]();
    try {
      return { iterator, first: await iterator.next() };
    } catch (e) {
      if (timeout.signal.aborted && !signal?.aborted) {
        throw new LanguageModelError(`${this.primary.label} did not answer within ${this.options.firstEventTimeoutMs} ms`, {
          provider: this.primary.id,
          transient: true,
          cause: e,
        });
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private fallbackNotice(e: unknown): string {
    const why =
      e instanceof BrokenCircuitError
        ? `paused after repeated failures (next try in about ${Math.round(this.options.halfOpenAfterMs / 1000)} s)`
        : `unavailable (${describeError(e)})`;
    return `${this.primary.label} is ${why}; this reply comes from ${this.fallback.label}.`;
  }
}

type Opened = { iterator: AsyncIterator<StreamEvent>; first: IteratorResult<StreamEvent> };
