import assert from "node:assert/strict";
import { test } from "node:test";
import superjson from "superjson";
import { transformer } from "../../../server/api/transformer";

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
