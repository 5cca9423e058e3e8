import { Logger } from "@aws-lambda-powertools/logger";

/**
 * The one logger of every process (web, workers, realtime, test runner, CLI): Powertools'
 * Logger, structured JSON on stdout/stderr that CloudWatch parses. Workers take a child per
 * role (server/modifications/workers/telemetry.ts), so their lines carry the same fields.
 */
type Fields = Record<string, unknown>;
const LEVELS = { debug: "DEBUG", info: "INFO", warn: "WARN", error: "ERROR", silent: "SILENT" } as const;
export type LogLevel = keyof typeof LEVELS;

/**
 * What a log line must never carry, whatever a caller passes in: the parameter list drizzle
 * appends to a failed query's message ("params: …": password hashes, token hashes, emails),
 * password hashes, API tokens and email addresses. Callers log ids, not people.
 */
const REDACTIONS: [RegExp, string][] = [
  [/params: [\s\S]*$/, "params: [redacted]"],
  [/\$argon2(?:id|i|d)\$[^\s,"']+/g, "[redacted hash]"],
  [/\bab_[A-Za-z0-9_-]{6,}/g, "[redacted token]"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[redacted email]"],
];

export function redact(text: string): string {
  return REDACTIONS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

export const logger = new Logger({
  serviceName: "agent-builder",
  logLevel: "INFO",
  // Every string of every line (message, fields, error messages), children included.
  jsonReplacerFn: (_key, value: unknown) => (typeof value === "string" ? redact(value) : value),
});

/** Called once by each entry point with the validated env's LOG_LEVEL. */
export const configureLog = (level: LogLevel) => logger.setLogLevel(LEVELS[level]);

/** A child logger for one part of the system (a worker role): same format, its own service name and level. */
export function childLogger(serviceName: string, level?: LogLevel) {
  const child = logger.createChild({ serviceName });
  if (level) child.setLogLevel(LEVELS[level]);
  return child;
}

export const log = {
  debug: (m: string, f?: Fields) => logger.debug(m, { ...f }),
  info: (m: string, f?: Fields) => logger.info(m, { ...f }),
  warn: (m: string, f?: Fields) => logger.warn(m, { ...f }),
  error: (m: string, f?: Fields) => logger.error(m, { ...f }),
};
