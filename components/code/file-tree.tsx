"use client";

import { ChevronDown, ChevronRight, FileText } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { cn } from "../ui/cn";
import { ancestorFolders, buildFileTree, type TreeNode } from "./file-tree-model";
import type { FileProblems } from "./verification";

type Props = {
  paths: readonly string[];
  selected: string | null;
  onSelect: (path: string) => void;
  problems: ReadonlyMap<string, FileProblems>;
};

/** The project's files: folders first, collapsible, with QA's problem count on each file. */
export function FileTree({ paths, selected, onSelect, problems }: Props) {
  const tree = useMemo(() => buildFileTree(paths), [paths]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  // A file opened from elsewhere (a finding, a link) is never hidden inside a closed folder.
  useEffect(() => {
    if (!selected) return;
    setCollapsed((c) => {
      const open = ancestorFolders(selected).filter((f) => c.has(f));
      return open.length === 0 ? c : new Set([...c].filter((f) => !open.includes(f)));
    });
  }, [selected]);
  const toggle = (path: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  return (
    <nav aria-label="Files" className="text-sm">
      <Nodes nodes={tree} depth={0} collapsed={collapsed} toggle={toggle} selected={selected} onSelect={onSelect} problems={problems} />
    </nav>
  );
}

function Nodes({ nodes, depth, collapsed, toggle, ...rest }: Omit<Props, "paths"> & { nodes: TreeNode[]; depth: number; collapsed: ReadonlySet<string>; toggle: (path: string) => void }) {
  const indent = { paddingLeft: `${depth * 0.9 + 0.25}rem` };
  return (
    <ul>
      {nodes.map((node) =>
        node.kind === "folder" ? (
          <li key={node.path}>
            <button
              type="button"
              className="flex w-full items-center gap-1 rounded px-1 py-0.5 text-left font-medium text-slate-700 hover:bg-slate-100"
              style={indent}
              aria-expanded={!collapsed.has(node.path)}
              data-folder={node.path}
              onClick={() => toggle(node.path)}
            >
              {collapsed.has(node.path) ? <ChevronRight className="size-3.5 shrink-0" aria-hidden /> : <ChevronDown className="size-3.5 shrink-0" aria-hidden />}
              {node.name}
            </button>
            {!collapsed.has(node.path) && <Nodes nodes={node.children} depth={depth + 1} collapsed={collapsed} toggle={toggle} {...rest} />}
          </li>
        ) : (
          <li key={node.path}>
            <FileButton path={node.path} name={node.name} indent={indent} {...rest} />
          </li>
        ),
      )}
    </ul>
  );
}

function FileButton({ path, name, indent, selected, onSelect, problems }: Omit<Props, "paths"> & { path: string; name: string; indent: { paddingLeft: string } }) {
  const p = problems.get(path);
  const count = p ? p.errors + p.warnings : 0;
  const isSelected = selected === path;
  return (
    <button
      type="button"
      className={cn("flex w-full items-center gap-1.5 rounded px-1 py-0.5 text-left", isSelected ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100")}
      style={indent}
      aria-current={isSelected ? "true" : undefined}
      aria-label={count > 0 ? `${name}, ${count} problem${count > 1 ? "s" : ""}` : name}
      title={path}
      data-path={path}
      onClick={() => onSelect(path)}
    >
      <FileText className="ml-[1.125rem] size-3.5 shrink-0 text-slate-400" aria-hidden />
      <span className="truncate">{name}</span>
      {count > 0 && (
        <span className={cn("ml-auto rounded-full px-1.5 text-xs font-medium", p!.errors > 0 ? "bg-red-100 text-red-700" : "bg-amber-100 text-amber-800")} aria-hidden>
          {count}
        </span>
      )}
    </button>
  );
}
