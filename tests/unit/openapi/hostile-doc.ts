/** OpenAPI documents built for tests: a large one with `n` operations whose names and descriptions come from `texts`. */
export function manyOperationsDoc(n: number, texts: readonly string[] = ["List things"]): string {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const text = texts[i % texts.length]!;
    paths[`/items${i}/{id}`] = {
      get: {
        operationId: text.slice(0, 200),
        summary: text.slice(0, 300),
        description: text,
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: text.slice(0, 100) || "q", in: "query", description: text, schema: { type: "string", enum: [text.slice(0, 200) || "x"] } },
        ],
      },
    };
  }
  return JSON.stringify({ openapi: "3.1.0", info: { title: "Many", version: "1" }, servers: [{ url: "https://api.example.com" }], paths });
}
