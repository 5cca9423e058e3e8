/** Small Markdown helpers shared by the API reference sections. */
import type { FieldRow } from "./schema-fields";

/** A table cell: pipes would split the cell, newlines would end the row. */
export const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-");

export function fieldTable(rows: FieldRow[]): string[] {
  if (!rows.length) return ["No fields."];
  return [
    "| field | type | required | constraints |",
    "|---|---|---|---|",
    ...rows.map((r) => `| \`${cell(r.name)}\` | ${cell(r.type)} | ${r.required ? "yes" : "no"} | ${cell(r.constraints.join("; ")) || "—"} |`),
  ];
}
