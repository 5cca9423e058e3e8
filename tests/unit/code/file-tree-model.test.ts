import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ancestorFolders, buildFileTree, defaultFile, filesInTreeOrder, folderPaths, type TreeNode } from "../../../components/code/file-tree-model";

const shape = (nodes: TreeNode[]): unknown => nodes.map((n) => (n.kind === "folder" ? { [n.name + "/"]: shape(n.children) } : n.name));

describe("Code tab: the file tree", () => {
  test("folders first, then files, each sorted by name case-insensitively", () => {
    const tree = buildFileTree(["main.py", "app/tools.py", "README.md", "app/agent.py", ".github/workflows/ci.yml", "Dockerfile", "app/__init__.py", "tests/test_agent.py", "agent-spec.json"]);
    assert.deepEqual(shape(tree), [
      { ".github/": [{ "workflows/": ["ci.yml"] }] },
      { "app/": ["__init__.py", "agent.py", "tools.py"] },
      { "tests/": ["test_agent.py"] },
      "agent-spec.json",
      "Dockerfile",
      "main.py",
      "README.md",
    ]);
  });

  test("nodes carry their full paths; duplicates and empty segments are ignored", () => {
    const tree = buildFileTree(["a/b/c.py", "a/b/c.py", "a//d.py"]);
    assert.deepEqual(folderPaths(tree), ["a", "a/b"]);
    assert.deepEqual(filesInTreeOrder(tree), ["a/b/c.py", "a//d.py"]);
  });

  test("ancestors of a file, outermost first", () => {
    assert.deepEqual(ancestorFolders("a/b/c.py"), ["a", "a/b"]);
    assert.deepEqual(ancestorFolders("top.py"), []);
  });

  test("the default file is the README, then the agent, then the first file shown", () => {
    assert.equal(defaultFile(["app/agent.py", "README.md"]), "README.md");
    assert.equal(defaultFile(["main.py", "app/agent.py"]), "app/agent.py");
    assert.equal(defaultFile(["z.txt", "src/index.ts"]), "src/index.ts");
    assert.equal(defaultFile([]), null);
  });
});
