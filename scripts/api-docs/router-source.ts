/**
 * What only the source knows about each procedure: its JSDoc, the file it lives in, what
 * its resolver returns (the called service and its declared return type) and the domain
 * errors it can answer. Walks the router tree from `appRouter`'s declaration the same way
 * tRPC builds it: `createTRPCRouter({ key: procedure | router })`.
 */
import ts from "typescript";
import { createErrorTracer, type ThrownError } from "./thrown-errors";
import { createSourceProject, functionBody, jsDocOf, unwrap, type SourceProject } from "./ts-source";

export type ReturnInfo = { text: string | null; fn: string | null; file: string };
export type ProcedureSource = { file: string; doc: string | null; returns: ReturnInfo; errors: ThrownError[] };
export type RouterSource = { file: string; doc: string | null };
export type SourceIndex = { procedures: Map<string, ProcedureSource>; routers: Map<string, RouterSource> };

const ROUTER_FACTORIES = new Set(["createTRPCRouter", "router"]);
const RESOLVER_KINDS = new Set(["query", "mutation", "subscription"]);

function routerLiteral(node: ts.Node | undefined): ts.ObjectLiteralExpression | null {
  if (!node || !ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || !ROUTER_FACTORIES.has(node.expression.text)) return null;
  const arg = node.arguments[0];
  return arg && ts.isObjectLiteralExpression(arg) ? arg : null;
}

/** The resolver function of `procedure.input(..).query(fn)`. */
function resolverOf(node: ts.Expression): ts.Node | null {
  const n = unwrap(node);
  if (!ts.isCallExpression(n)) return null;
  if (ts.isPropertyAccessExpression(n.expression) && RESOLVER_KINDS.has(n.expression.name.text)) return n.arguments[0] ?? null;
  return ts.isPropertyAccessExpression(n.expression) ? resolverOf(n.expression.expression) : null;
}

/** The expression a resolver returns: an expression body, or its last top-level `return`. */
function returnedExpression(resolver: ts.Node): ts.Expression | null {
  const body = functionBody(resolver);
  if (!body) return null;
  if (!ts.isBlock(body)) return body;
  let last: ts.Expression | null = null;
  const visit = (n: ts.Node) => {
    if (ts.isReturnStatement(n) && n.expression) last = n.expression;
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return last;
}

const PROMISE = /^Promise<([\s\S]*)>$/;

function describeReturn(project: SourceProject, file: string, node: ts.Expression | null): ReturnInfo {
  const n = node ? unwrap(node) : null;
  const here: ReturnInfo = { text: null, fn: null, file: project.rel(file) };
  if (!n) return here;
  if (n.kind === ts.SyntaxKind.NullKeyword) return { ...here, text: "null" };
  if (ts.isObjectLiteralExpression(n)) {
    const keys = n.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : "…"));
    return { ...here, text: `{ ${keys.join(", ")} }` };
  }
  if (ts.isConditionalExpression(n)) {
    const [a, b] = [describeReturn(project, file, n.whenTrue), describeReturn(project, file, n.whenFalse)];
    return a.text && b.text ? { ...here, text: `${a.text} | ${b.text}` } : here;
  }
  if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
    const decl = project.findDeclaration(file, n.expression.text);
    if (!decl) return here;
    const fn = decl.value && (ts.isFunctionDeclaration(decl.value) || ts.isArrowFunction(decl.value) || ts.isFunctionExpression(decl.value)) ? decl.value : null;
    const type = fn?.type?.getText().replace(/\s+/g, " ");
    return { text: type ? (PROMISE.exec(type)?.[1] ?? type) : null, fn: n.expression.text, file: project.rel(decl.file) };
  }
  return here;
}

export function indexRouterSources(rootFile: string, exportName: string, repoRoot: string): SourceIndex {
  const project = createSourceProject(repoRoot);
  const tracer = createErrorTracer(project);
  const index: SourceIndex = { procedures: new Map(), routers: new Map() };

  function walk(literal: ts.ObjectLiteralExpression, file: string, prefix: string) {
    for (const prop of literal.properties) {
      if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
      const key = prop.name.getText();
      const path = prefix ? `${prefix}.${key}` : key;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
      const inline = routerLiteral(unwrap(value));
      if (inline) {
        index.routers.set(path, { file: project.rel(file), doc: jsDocOf(prop) });
        walk(inline, file, path);
        continue;
      }
      if (ts.isIdentifier(value)) {
        const decl = project.findDeclaration(file, value.text);
        const nested = routerLiteral(decl?.value);
        if (decl && nested) {
          index.routers.set(path, { file: project.rel(decl.file), doc: jsDocOf(prop) ?? jsDocOf(decl.node) });
          walk(nested, decl.file, path);
          continue;
        }
      }
      const resolver = resolverOf(value);
      index.procedures.set(path, {
        file: project.rel(file),
        doc: jsDocOf(prop),
        returns: describeReturn(project, file, resolver && returnedExpression(resolver)),
        errors: resolver ? tracer.errorsOf(resolver, file) : [],
      });
    }
  }

  const root = project.findDeclaration(rootFile, exportName);
  const literal = routerLiteral(root?.value);
  if (!root || !literal) throw new Error(`${project.rel(rootFile)}: no \`${exportName} = createTRPCRouter({...})\` to document`);
  walk(literal, root.file, "");
  return index;
}

/** The DomainError code → tRPC code table, read from server/api/trpc.ts so the docs cannot drift from it. */
export function readCodeTable(trpcFile: string, repoRoot: string, name = "TRPC_CODE"): Record<string, string> {
  const project = createSourceProject(repoRoot);
  const decl = project.findDeclaration(trpcFile, name);
  const value = decl?.value && unwrap(decl.value as ts.Expression);
  if (!value || !ts.isObjectLiteralExpression(value)) throw new Error(`${project.rel(trpcFile)}: no \`${name}\` object literal`);
  const table: Record<string, string> = {};
  for (const p of value.properties) {
    if (ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer)) table[p.name.getText()] = p.initializer.text;
  }
  return table;
}
