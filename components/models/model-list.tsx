"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState, type RefObject } from "react";
import type { ModelSummary } from "~/server/api/routers/registry";
import type { ModelActions } from "./model-actions";
import { ModelCard, ModelRow } from "./model-item";

export type ModelView = "list" | "grid";

function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The models in a virtualized scroll box: only the rows in view (plus a few) are in the DOM,
 * so all 200-odd models scroll smoothly. The grid view virtualizes rows of cards.
 * Remount it (key) when the view changes so measured row heights are not reused.
 */
export function ModelList({ models, view, actions }: { models: readonly ModelSummary[]; view: ModelView; actions: ModelActions }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef);
  const columns = view === "grid" ? (width >= 900 ? 3 : width >= 580 ? 2 : 1) : 1;
  const virtualizer = useVirtualizer({
    count: Math.ceil(models.length / columns),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (view === "grid" ? 250 : 96),
    overscan: 4,
  });

  return (
    <div ref={scrollRef} className="h-[620px] overflow-auto rounded-xl border border-slate-200 bg-white" data-testid="model-list" role="region" tabIndex={0} aria-label="Models">
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const slice = models.slice(row.index * columns, row.index * columns + columns);
          return (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="absolute left-0 top-0 w-full"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {view === "list" ? (
                <ModelRow model={slice[0]!} actions={actions} />
              ) : (
                <div className="grid gap-3 px-3 py-1.5" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
                  {slice.map((m) => (
                    <ModelCard key={m.id} model={m} actions={actions} />
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
