/**
 * Reads our own TypeScript sources as syntax trees (no type checking: parsing a file costs
 * milliseconds, a whole-program type check tens of seconds), resolves relative imports and
 * re-exports, and finds a name's declaration. Only files under the repository are followed.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

export type Declaration = {
  file: string;
  /** The node JSDoc hangs on (function declaration or variable declaration). */
  node: ts.FunctionDeclaration | ts.VariableDeclaration;
  /** What the name is bound to: the function itself, or the variable's initializer. */
  value: ts.Node | undefined;
};

export type SourceProject = ReturnType<typeof createSourceProject>;

export function createSourceProject(root: string) {
  const files = new Map<string, ts.SourceFile>();

  function parse(file: string): ts.SourceFile {
    let sf = files.get(file);
    if (!sf) {
      sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      files.set(file, sf);
    }
    return sf;
  }

  /** A relative module specifier to its .ts file; package imports are not ours to document. */
  function resolveModule(from: string, specifier: string): string | null {
    if (!specifier.startsWith(".")) return null;
    const base = resolve(dirname(from), specifier);
    return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => existsSync(f)) ?? null;
  }

  function findDeclaration(file: string, name: string, seen = new Set<string>()): Declaration | null {
    const key = `${file}#${name}`;
    if (seen.has(key)) return null;
    seen.add(key);
    for (const st of parse(file).statements) {
      if (ts.isFunctionDeclaration(st) && st.name?.text === name) return { file, node: st, value: st };
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.name.text === name) return { file, node: d, value: d.initializer };
        }
      }
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const bindings = st.importClause?.namedBindings;
        const match = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((e) => e.name.text === name) : undefined;
        if (match) {
          const target = resolveModule(file, st.moduleSpecifier.text);
          return target ? findDeclaration(target, (match.propertyName ?? match.name).text, seen) : null;
        }
      }
      if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const target = resolveModule(file, st.moduleSpecifier.text);
        if (!target) continue;
        const clause = st.exportClause;
        if (!clause) {
          const found = findDeclaration(target, name, seen);
          if (found) return found;
        } else if (ts.isNamedExports(clause)) {
          const match = clause.elements.find((e) => e.name.text === name);
          if (match) return findDeclaration(target, (match.propertyName ?? match.name).text, seen);
        }
      }
    }
    return null;
  }

  return {
    root,
    parse,
    findDeclaration,
    /** Repository-relative path with forward slashes, as the docs print it. */
    rel: (file: string) => relative(root, file).split("\\").join("/"),
  };
}

/** The JSDoc text on a node as one paragraph, or null. */
export function jsDocOf(node: ts.Node): string | null {
  const texts = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? "")
    .filter(Boolean);
  return texts.length ? texts.join(" ").replace(/\s+/g, " ").trim() : null;
}

/** Strips wrappers that do not change a value: parentheses, await, `as`, `satisfies`, `!`. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAwaitExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
  return n;
}

/** A function-like value's body, if the node is one. */
export function functionBody(node: ts.Node | undefined): ts.ConciseBody | undefined {
  if (!node) return undefined;
  if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node.body;
  return undefined;
}
