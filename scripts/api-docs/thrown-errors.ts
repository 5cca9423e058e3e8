/**
 * Which DomainErrors a procedure can answer with, found by following its resolver's calls
 * through our own modules to `new DomainError(code, message)` and `notFound(what, id)`.
 * It is an over-approximation of what one call can throw (every branch counts) and misses
 * calls through injected dependencies (`deps.x()`), which is why the docs say "can answer".
 */
import ts from "typescript";
import { functionBody, type SourceProject } from "./ts-source";

export type ThrownError = { code: string; message: string | null };

/** How far to follow calls: resolver → service → repo → helper covers our layering. */
const MAX_DEPTH = 5;

/** A message argument as readers see it: template holes become "…". */
export function messageText(node: ts.Expression | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `…${s.literal.text}`).join("");
  return null;
}

/** Calls whose rejection is handled on the spot (`f().catch(...)`) cannot reach the caller. */
function isCaught(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return ts.isPropertyAccessExpression(parent) && parent.expression === call && parent.name.text === "catch";
}

export function createErrorTracer(project: SourceProject) {
  const cache = new Map<string, ThrownError[]>();

  /** Errors thrown directly in `node`, plus those of the functions it calls (depth-limited). */
  function trace(node: ts.Node, file: string, depth: number, seen: Set<string>): ThrownError[] {
    const found: ThrownError[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "DomainError") {
        const code = n.arguments?.[0];
        if (code && ts.isStringLiteral(code)) found.push({ code: code.text, message: messageText(n.arguments?.[1]) });
      }
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && !isCaught(n)) {
        const name = n.expression.text;
        if (name === "notFound") {
          const what = messageText(n.arguments[0]);
          found.push({ code: "not_found", message: `${what ?? "…"} '…' was not found` });
        } else if (depth < MAX_DEPTH) {
          found.push(...callee(file, name, depth + 1, seen));
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  }

  function callee(file: string, name: string, depth: number, seen: Set<string>): ThrownError[] {
    const decl = project.findDeclaration(file, name);
    const body = functionBody(decl?.value);
    if (!decl || !body) return [];
    const key = `${decl.file}#${name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return trace(body, decl.file, depth, seen);
  }

  return {
    /** Distinct errors reachable from a resolver, in the order first found. */
    errorsOf(resolver: ts.Node, file: string): ThrownError[] {
      const key = `${file}:${resolver.pos}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const all = trace(resolver, file, 0, new Set());
      const distinct = all.filter((e, i) => all.findIndex((x) => x.code === e.code && x.message === e.message) === i);
      cache.set(key, distinct);
      return distinct;
    },
  };
}
