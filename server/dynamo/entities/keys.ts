/** The single table's key layout (must match stacks/ and the local table creation). */
export const TABLE_KEYS = {
  pk: "pk",
  sk: "sk",
  gsi1: { index: "gsi1", pk: "gsi1pk", sk: "gsi1sk" },
  gsi2: { index: "gsi2", pk: "gsi2pk", sk: "gsi2sk" },
} as const;

export const SERVICE = "agentbuilder";
