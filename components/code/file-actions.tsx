"use client";

import { Copy, Download } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "../ui/button";
import { baseName, saveFile } from "./save-file";

/** Copy to the clipboard and download, for the file on screen. */
export function FileActions({ path, content }: { path: string; content: string }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 1500);
    return () => clearTimeout(t);
  }, [copied]);

  const copy = () =>
    navigator.clipboard.writeText(content).then(
      () => setCopied("copied"),
      () => setCopied("failed"),
    );

  return (
    <div className="flex items-center gap-1">
      <span role="status" className="text-xs text-slate-500">{copied === "copied" ? "Copied" : copied === "failed" ? "Copy failed" : ""}</span>
      <Button variant="ghost" className="px-2 py-1 text-xs" onClick={copy} aria-label={`Copy ${baseName(path)}`}>
        <Copy className="size-3.5" aria-hidden /> Copy
      </Button>
      <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => saveFile(baseName(path), content, "text/plain;charset=utf-8")} aria-label={`Download ${baseName(path)}`}>
        <Download className="size-3.5" aria-hidden /> Download
      </Button>
    </div>
  );
}
