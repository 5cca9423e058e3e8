import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { languageOf } from "../../../components/code/languages";

describe("Code tab: the editor language from a file name", () => {
  test("each language the issue names is recognised", () => {
    const cases: Array<[string, string]> = [
      ["app/agent.py", "python"],
      ["src/agent.ts", "typescript"],
      ["agent-spec.json", "json"],
      ["infra/cloudformation.yaml", "yaml"],
      [".github/workflows/ci.yml", "yaml"],
      ["Dockerfile", "dockerfile"],
      ["docker/Dockerfile.arm64", "dockerfile"],
      ["README.md", "markdown"],
      ["scripts/push-ecr.sh", "shell"],
      [".env.example", "shell"],
      ["pytest.ini", "ini"],
      ["requirements.txt", "plaintext"],
    ];
    for (const [path, language] of cases) assert.equal(languageOf(path), language, path);
  });

  test("unknown or extension-less names are plain text, never a guess", () => {
    assert.equal(languageOf("LICENSE"), "plaintext");
    assert.equal(languageOf("data.bin"), "plaintext");
    assert.equal(languageOf(".gitignore"), "plaintext");
    assert.equal(languageOf("a/b/.hidden"), "plaintext");
  });

  test("case does not matter", () => {
    assert.equal(languageOf("DOCKERFILE"), "dockerfile");
    assert.equal(languageOf("Notes.MD"), "markdown");
  });
});
