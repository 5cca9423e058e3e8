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

function write(at: Level, message: string, fields?: Fields) {
  if (LEVELS[at] < threshold()) return;
  const line = JSON.stringify({ level: at, time: new Date().toISOString(), message, ...fields });
  (at === "error" || at === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  debug: (m: string, f?: Fields) => write("debug", m, f),
  info: (m: string, f?: Fields) => write("info", m, f),
  warn: (m: string, f?: Fields) => write("warn", m, f),
  error: (m: string, f?: Fields) => write("error", m, f),
};
