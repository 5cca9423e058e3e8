"use client";

import dynamic from "next/dynamic";

/** Monaco (~2.5 MB) loads after the page is interactive, in the browser only. */
const Loading = () => <div className="flex h-full items-center justify-center text-sm text-slate-400">Loading editor…</div>;

export const CodeEditor = dynamic(() => import("./monaco-editors").then((m) => m.CodeEditor), { ssr: false, loading: Loading });
export const CodeDiffEditor = dynamic(() => import("./monaco-editors").then((m) => m.CodeDiffEditor), { ssr: false, loading: Loading });
