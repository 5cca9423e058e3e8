/**
 * Structured JSON logs on stdout/stderr (CloudWatch parses them). Workers use Powertools'
 * Logger for request ids; everything else uses this.
 */
type Fields = Record<string, unknown>;
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

let level: keyof typeof LEVELS = "info";
/** Called once by each entry point with the validated env's LOG_LEVEL. */
export const configureLog = (l: keyof typeof LEVELS) => void (level = l);
const threshold = () => LEVELS[level];

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

function redactFields(fields: Fields | undefined): Fields | undefined {
  if (!fields) return fields;
  return JSON.parse(JSON.stringify(fields, (_k, v: unknown) => (typeof v === "string" ? redact(v) : v instanceof Error ? redact(String(v)) : v))) as Fields;
}

function write(at: Level, message: string, fields?: Fields) {
  if (LEVELS[at] < threshold()) return;
  const line = JSON.stringify({ level: at, time: new Date().toISOString(), message, ...redactFields(fields) });
  (at === "error" || at === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  debug: (m: string, f?: Fields) => write("debug", m, f),
  info: (m: string, f?: Fields) => write("info", m, f),
  warn: (m: string, f?: Fields) => write("warn", m, f),
  error: (m: string, f?: Fields) => write("error", m, f),
};
