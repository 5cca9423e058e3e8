/**
 * The AWS event stream message encoding (`application/vnd.amazon.eventstream`), which Bedrock's
 * ConverseStream answers in: a prelude (total and header lengths, its CRC32), string headers,
 * the payload, and a CRC32 of the whole message. Only what a Bedrock-compatible stand-in sends.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html (the same framing)
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as zlib.crc32 computes it (which Node 20 lacks). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const STRING_TYPE = 7;

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts = Object.entries(headers).map(([name, value]) => {
    const n = Buffer.from(name, "utf8");
    const v = Buffer.from(value, "utf8");
    const head = Buffer.alloc(1 + n.length + 1 + 2);
    head.writeUInt8(n.length, 0);
    n.copy(head, 1);
    head.writeUInt8(STRING_TYPE, 1 + n.length);
    head.writeUInt16BE(v.length, 2 + n.length);
    return Buffer.concat([head, v]);
  });
  return Buffer.concat(parts);
}

/** One message: `headers` (all strings) and a payload. */
export function encodeMessage(headers: Record<string, string>, payload: Uint8Array): Buffer {
  const h = encodeHeaders(headers);
  const total = 12 + h.length + payload.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(h.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const body = Buffer.concat([prelude, h, Buffer.from(payload)]);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([body, tail]);
}

/** A ConverseStream event (`messageStart`, `contentBlockDelta`, …) with its JSON member as the payload. */
export const encodeEvent = (eventType: string, member: unknown) =>
  encodeMessage({ ":event-type": eventType, ":content-type": "application/json", ":message-type": "event" }, Buffer.from(JSON.stringify(member), "utf8"));
