import superjson from "superjson";

type Serialized = ReturnType<typeof superjson.serialize>;
/** What is kept of a frozen value: its serialisation, and its JSON text once asked for (server/local/query-answer.ts). */
type FrozenAnswer = { serialized: Serialized; json?: string };
const frozenAnswers = new WeakMap<object, FrozenAnswer>();

const isFrozenObject = (value: unknown): value is object => typeof value === "object" && value !== null && Object.isFrozen(value);

function frozenAnswer(value: object): FrozenAnswer {
  let answer = frozenAnswers.get(value);
  if (!answer) frozenAnswers.set(value, (answer = { serialized: superjson.serialize(value) }));
  return answer;
}

/**
 * superjson, remembering what it made of frozen values. An answer served from memory to many
 * callers (project.list from its cache) is frozen and the same object every time; walking it
 * again on every call was a quarter of `project.list`'s CPU profile under load once its
 * database query was gone (bench/README.md). A frozen value cannot change, so its
 * serialisation cannot either; everything else is serialised per call as before. The wire
 * format is superjson's, unchanged: clients keep `transformer: superjson`.
 */
export const transformer = {
  serialize: (value: unknown): Serialized => (isFrozenObject(value) ? frozenAnswer(value).serialized : superjson.serialize(value)),
  deserialize: (value: Serialized) => superjson.deserialize(value),
};

/**
 * `JSON.stringify(transformer.serialize(value))`, with a frozen value's text kept beside its
 * serialisation: stringifying a 77 kB registry list on every call was most of that query's
 * profile on the plain query path.
 */
export function serializedJson(value: unknown): string {
  if (!isFrozenObject(value)) return JSON.stringify(superjson.serialize(value));
  const answer = frozenAnswer(value);
  return (answer.json ??= JSON.stringify(answer.serialized));
}
