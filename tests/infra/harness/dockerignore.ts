/**
 * .dockerignore matching as Docker's build context does it (moby/patternmatcher): patterns
 * are relative to the context root, `*` and `?` stay within one path segment, `**` spans
 * any number of segments, a pattern that matches a directory excludes everything in it,
 * `!pattern` re-includes, and the last matching pattern wins.
 */
type Rule = { regex: RegExp; exclude: boolean };

function globToRegex(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      // `**/` matches zero or more directories; a trailing `**` matches everything below.
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

export function parseDockerignore(text: string): Rule[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const exclude = !l.startsWith("!");
      const pattern = (exclude ? l : l.slice(1)).trim().replace(/^\/+/, "").replace(/\/+$/, "");
      return { regex: globToRegex(pattern), exclude };
    });
}

/** Whether a context-relative path (forward slashes) is left out of the build context. */
export function isIgnored(rules: Rule[], path: string): boolean {
  const parts = path.split("/");
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  let ignored = false;
  for (const rule of rules) {
    if (prefixes.some((p) => rule.regex.test(p))) ignored = rule.exclude;
  }
  return ignored;
}
