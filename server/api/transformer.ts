import superjson from "superjson";

type Serialized = ReturnType<typeof superjson.serialize>;
const serializedFrozen = new WeakMap<object, Serialized>();

/**
 * superjson, remembering what it made of frozen values. An answer served from memory to many
 * callers (project.list from its cache) is frozen and the same object every time; walking it
 * again on every call was a quarter of `project.list`'s CPU profile under load once its
 * database query was gone (bench/README.md). A frozen value cannot change, so its
 * serialisation cannot either; everything else is serialised per call as before. The wire
 * format is superjson's, unchanged: clients keep `transformer: superjson`.
 */
export const transformer = {
  serialize(value: unknown): Serialized {
    if (typeof value !== "object" || value === null || !Object.isFrozen(value)) return superjson.serialize(value);
    let serialized = serializedFrozen.get(value);
    if (!serialized) serializedFrozen.set(value, (serialized = superjson.serialize(value)));
    return serialized;
  },
  deserialize: (value: Serialized) => superjson.deserialize(value),
};
