import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readSseData } from "../../../server/llm/sse";

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
}

async function collect(parts: string[]) {
  const out: string[] = [];
  for await (const d of readSseData(streamOf(parts))) out.push(d);
  return out;
}

describe("readSseData", () => {
  test("yields each event's data, joining multi-line data and skipping comments and other fields", async () => {
    assert.deepEqual(await collect([": keep-alive\n\nevent: message\nid: 1\ndata: line one\ndata: line two\n\ndata:{\"a\":1}\n\n"]), ["line one\nline two", '{"a":1}']);
  });

  test("handles events cut anywhere, CRLF and CR line ends, and a multi-byte character split across chunks", async () => {
    const bytes = new TextEncoder().encode("data: caf\u00e9\r\n\r\ndata: two\r\rdata: last");
    const cut = 10; // between the two bytes of "é"
    assert.equal(bytes[cut - 1], 0xc3);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut, 20));
        c.enqueue(bytes.slice(20));
        c.close();
      },
    });
    const out: string[] = [];
    for await (const d of readSseData(stream)) out.push(d);
    assert.deepEqual(out, ["caf\u00e9", "two", "last"]);
  });
});
