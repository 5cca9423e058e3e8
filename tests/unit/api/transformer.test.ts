import assert from "node:assert/strict";
import { test } from "node:test";
import superjson from "superjson";
import { serializedJson, transformer } from "../../../server/api/transformer";

test("the transformer writes superjson's format and serialises a frozen answer once", () => {
  const rows = Object.freeze([Object.freeze({ id: "prj_1", createdAt: new Date("2026-12-05T03:00:00Z") })]);
  const first = transformer.serialize(rows);
  assert.deepEqual(first, superjson.serialize(rows));
  assert.equal(transformer.serialize(rows), first, "the same frozen value: the same serialisation");
  assert.deepEqual(transformer.deserialize(first), rows);

  const open = [{ id: "prj_2", createdAt: new Date("2026-12-05T03:00:00Z") }];
  const before = transformer.serialize(open);
  open[0]!.id = "prj_3";
  assert.notEqual(transformer.serialize(open), before, "a value that can change is serialised per call");
  assert.equal((transformer.serialize(open).json as { id: string }[])[0]!.id, "prj_3");
});

test("serializedJson is the serialisation's JSON; a frozen value's text is kept with its serialisation", () => {
  const rows = Object.freeze([Object.freeze({ id: "prj_4", createdAt: new Date("2026-12-05T04:00:00Z") })]);
  const text = serializedJson(rows);
  assert.equal(text, JSON.stringify(superjson.serialize(rows)));
  const serialized = transformer.serialize(rows);
  // Spoil the kept serialisation's copy: the kept text shows it was made from that one entry, once.
  (serialized.json as { id: string }[])[0]!.id = "changed";
  assert.equal(serializedJson(rows), text, "the frozen value's text is kept, not made again");
  const other = Object.freeze({ n: 1 });
  transformer.serialize(other);
  (transformer.serialize(other).json as { n: number }).n = 2;
  assert.equal(serializedJson(other), '{"json":{"n":2}}', "the text of a frozen value is made from its kept serialisation");

  const open = { n: 1 };
  assert.equal(serializedJson(open), '{"json":{"n":1}}');
  open.n = 3;
  assert.equal(serializedJson(open), '{"json":{"n":3}}', "a value that can change is stringified per call");
});
