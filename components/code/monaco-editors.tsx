"use client";

import { DiffEditor, Editor, loader, type DiffOnMount, type OnMount } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { useEffect, useLayoutEffect, useRef } from "react";
import type { EditorLanguage } from "./languages";

// Monaco comes from node_modules, not the CDN @monaco-editor/react defaults to: the app works
// offline. This module is only ever loaded in the browser (next/dynamic with ssr: false).
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === "typescript" || label === "javascript") return new Worker(new URL("monaco-editor/language/typescript/ts.worker", import.meta.url), { type: "module" });
    if (label === "json") return new Worker(new URL("monaco-editor/language/json/json.worker", import.meta.url), { type: "module" });
    return new Worker(new URL("monaco-editor/editor/editor.worker", import.meta.url), { type: "module" });
  },
};
// The browser has neither the SDK's types nor the project's other files, so its own TypeScript
// diagnostics would be noise; QA's verification (beside the files) is the verdict that counts.
monaco.typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true, noSuggestionDiagnostics: true });
monaco.typescript.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true, noSuggestionDiagnostics: true });
monaco.json.jsonDefaults.setDiagnosticsOptions({ validate: false });
loader.config({ monaco });

const COMMON: monaco.editor.IEditorOptions = {
  readOnly: true,
  domReadOnly: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 13,
  lineNumbersMinChars: 3,
  renderLineHighlight: "none",
  automaticLayout: true,
  // Unicode tricks (U+202E, invisible characters) in generated files must be visible, not hidden.
  unicodeHighlight: { ambiguousCharacters: true, invisibleCharacters: true, nonBasicASCII: false },
};

/** A read-only view of one file; `line` scrolls to a finding's line and marks it. */
export function CodeEditor({ value, language, line, label }: { value: string; language: EditorLanguage; line?: number; label: string }) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const marks = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);

  const mark = (editor: monaco.editor.IStandaloneCodeEditor) => {
    marks.current?.clear();
    if (!line) {
      editor.setScrollTop(0);
      return;
    }
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column: 1 });
    marks.current = editor.createDecorationsCollection([
      { range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: "bg-amber-100", linesDecorationsClassName: "border-l-4 border-amber-500" } },
    ]);
  };
  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    mark(editor);
  };
  // Runs after the library's own effect has put the new value into the model.
  useEffect(() => {
    if (editorRef.current) mark(editorRef.current);
  }, [value, line]);

  return (
    <div className="h-full" role="region" data-testid="code-editor" data-language={language} aria-label={label}>
      <Editor value={value} language={language} theme="vs" options={COMMON} onMount={onMount} loading={<EditorLoading />} />
    </div>
  );
}

/** Side-by-side diff of one file between two versions (original = older, modified = newer). */
export function CodeDiffEditor({ original, modified, language, label }: { original: string; modified: string; language: EditorLanguage; label: string }) {
  const editorRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  // @monaco-editor/react 4.7 disposes the two models before the diff widget on unmount, which
  // Monaco reports as "TextModel got disposed before DiffEditorWidget model got reset". The
  // library keeps the models; this layout cleanup (it runs before the library's passive one)
  // detaches them from the live widget and then disposes them.
  useLayoutEffect(
    () => () => {
      const editor = editorRef.current;
      const models = editor?.getModel();
      editor?.setModel(null);
      models?.original.dispose();
      models?.modified.dispose();
    },
    [],
  );
  const onMount: DiffOnMount = (editor) => {
    editorRef.current = editor;
  };
  return (
    <div className="h-full" role="region" data-testid="diff-editor" data-language={language} aria-label={label}>
      <DiffEditor
        original={original}
        modified={modified}
        language={language}
        theme="vs"
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        onMount={onMount}
        loading={<EditorLoading />}
        options={{ ...COMMON, originalEditable: false, renderSideBySide: true, ignoreTrimWhitespace: false, renderOverviewRuler: false }}
      />
    </div>
  );
}

export function EditorLoading() {
  return <div className="flex h-full w-full items-center justify-center text-sm text-slate-400">Loading editor…</div>;
}
