/** Splits a byte stream into lines; a line longer than `maxLine` is cut (and the rest of it dropped). */
export function lineSplitter(onLine: (line: string) => void, maxLine = 1_000_000) {
  let buffer = "";
  let dropping = false;
  return {
    push(chunk: Buffer | string) {
      buffer += typeof chunk === "string" ? chunk : chunk.toString("utf8");
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (dropping) dropping = false;
        else onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
      }
      if (buffer.length > maxLine) {
        if (!dropping) onLine(buffer.slice(0, maxLine));
        dropping = true;
        buffer = "";
      }
    },
    end() {
      if (buffer && !dropping) onLine(buffer);
      buffer = "";
    },
  };
}
