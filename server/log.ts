import { Logger } from "@aws-lambda-powertools/logger";

/**
 * The one logger of every process (web, workers, realtime, test runner, CLI): Powertools'
 * Logger, structured JSON on stdout/stderr that CloudWatch parses. Workers take a child per
 * role (server/pipeline/workers/telemetry.ts), so their lines carry the same fields.
 */
type Fields = Record<string, unknown>;
const LEVELS = { debug: "DEBUG", info: "INFO", warn: "WARN", error: "ERROR", silent: "SILENT" } as const;
export type LogLevel = keyof typeof LEVELS;

export const logger = new Logger({ serviceName: "agent-builder", logLevel: "INFO" });

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
