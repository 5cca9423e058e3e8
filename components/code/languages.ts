/**
 * Monaco language ids for the files a generated project contains, chosen from the file
 * name (the projects carry no modelines). Anything unknown is plain text, never a guess.
 */
export type EditorLanguage = "python" | "typescript" | "javascript" | "json" | "yaml" | "dockerfile" | "markdown" | "shell" | "ini" | "plaintext";

const BY_NAME: Record<string, EditorLanguage> = {
  dockerfile: "dockerfile",
  containerfile: "dockerfile",
  ".env": "shell",
  ".env.example": "shell",
  ".gitignore": "plaintext",
  ".dockerignore": "plaintext",
  "pytest.ini": "ini",
};

const BY_EXTENSION: Record<string, EditorLanguage> = {
  py: "python",
  pyi: "python",
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "typescript",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  json: "json",
  yaml: "yaml",
  yml: "yaml",
  md: "markdown",
  markdown: "markdown",
  sh: "shell",
  bash: "shell",
  ini: "ini",
  cfg: "ini",
  toml: "ini",
  txt: "plaintext",
};

export function languageOf(path: string): EditorLanguage {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const byName = BY_NAME[name];
  if (byName) return byName;
  // Dockerfile.arm64, app.dockerfile
  if (name.startsWith("dockerfile.") || name.endsWith(".dockerfile")) return "dockerfile";
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return "plaintext";
  return BY_EXTENSION[name.slice(dot + 1)] ?? "plaintext";
}

/** A short label for the file header. */
export const LANGUAGE_LABEL: Record<EditorLanguage, string> = {
  python: "Python",
  typescript: "TypeScript",
  javascript: "JavaScript",
  json: "JSON",
  yaml: "YAML",
  dockerfile: "Dockerfile",
  markdown: "Markdown",
  shell: "Shell",
  ini: "INI",
  plaintext: "Text",
};
