/** The project's files as a folder tree, for the Code tab's file browser. */
export type TreeNode = { kind: "folder"; name: string; path: string; children: TreeNode[] } | { kind: "file"; name: string; path: string };

type Folder = Extract<TreeNode, { kind: "folder" }>;

/** Folders first, then files; each by name, case-insensitively, with a stable tie-break. */
function compare(a: TreeNode, b: TreeNode): number {
  if (a.kind !== b.kind) return a.kind === "folder" ? -1 : 1;
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function sortDeep(nodes: TreeNode[]): TreeNode[] {
  for (const n of nodes) if (n.kind === "folder") sortDeep(n.children);
  return nodes.sort(compare);
}

/** Builds the sorted tree from slash-separated file paths (duplicates and empty segments ignored). */
export function buildFileTree(paths: readonly string[]): TreeNode[] {
  const root: Folder = { kind: "folder", name: "", path: "", children: [] };
  const folders = new Map<string, Folder>([["", root]]);
  for (const path of new Set(paths)) {
    const parts = path.split("/").filter(Boolean);
    if (parts.length === 0) continue;
    let parent = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const folderPath = parts.slice(0, i + 1).join("/");
      let folder = folders.get(folderPath);
      if (!folder) {
        folder = { kind: "folder", name: parts[i]!, path: folderPath, children: [] };
        folders.set(folderPath, folder);
        parent.children.push(folder);
      }
      parent = folder;
    }
    parent.children.push({ kind: "file", name: parts.at(-1)!, path });
  }
  return sortDeep(root.children);
}

/** Every folder path in the tree (the tree opens fully expanded: generated projects are small). */
export function folderPaths(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === "folder" ? [n.path, ...folderPaths(n.children)] : []));
}

/** The folders that contain a file, outermost first ("a/b/c.py" → ["a", "a/b"]). */
export function ancestorFolders(path: string): string[] {
  const parts = path.split("/").filter(Boolean);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** Files in the order the tree shows them, for picking a default and keyboard stepping. */
export function filesInTreeOrder(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === "folder" ? filesInTreeOrder(n.children) : [n.path]));
}

/** The file to open first: the README, else the agent's entry point, else the first file shown. */
export function defaultFile(paths: readonly string[]): string | null {
  for (const preferred of ["README.md", "app/agent.py", "src/agent.ts"]) if (paths.includes(preferred)) return preferred;
  return filesInTreeOrder(buildFileTree(paths))[0] ?? null;
}
