"use client";

import { useId, type KeyboardEvent, type ReactNode } from "react";

export type TabItem<T extends string> = { readonly id: T; readonly label: string };

type Props<T extends string> = {
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly TabItem<T>[];
  value: T;
  onChange: (id: T) => void;
  /** The selected tab's panel: only it is rendered. */
  children: ReactNode;
  listClassName?: string;
  tabClassName?: string;
  panelClassName?: string;
};

/** The keys that move between tabs (WAI-ARIA tabs pattern, horizontal), as a new index. */
const KEY_MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * Tabs whose selection lives with the caller (the project page keeps it in the URL): a
 * tablist of buttons, arrow keys / Home / End move and select (focus follows), and one
 * tabpanel, the selected tab's. Written here instead of using @radix-ui/react-tabs, whose
 * collection, roving-focus and presence modules were ~9 kB gzip of the project page's
 * first-load JS, most of what it was over its budget; only this small part of it was used.
 * Tabs carry `data-state="active|inactive"` for styling, like Radix's.
 */
export function Tabs<T extends string>({ label, tabs, value, onChange, children, listClassName, tabClassName, panelClassName }: Props<T>) {
  const base = useId();
  const tabId = (id: T) => `${base}-tab-${id}`;
  const panelId = (id: T) => `${base}-panel-${id}`;

  function onKeyDown(e: KeyboardEvent) {
    const move = KEY_MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const next = tabs[move(tabs.findIndex((t) => t.id === value), tabs.length)]!;
    onChange(next.id);
    document.getElementById(tabId(next.id))?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label={label} aria-orientation="horizontal" onKeyDown={onKeyDown} className={listClassName}>
        {tabs.map((t) => {
          const selected = t.id === value;
          return (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={tabId(t.id)}
              aria-selected={selected}
              aria-controls={panelId(t.id)}
              tabIndex={selected ? 0 : -1}
              data-state={selected ? "active" : "inactive"}
              onClick={() => !selected && onChange(t.id)}
              className={tabClassName}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      <div key={value} role="tabpanel" id={panelId(value)} aria-labelledby={tabId(value)} tabIndex={0} className={panelClassName}>
        {children}
      </div>
    </div>
  );
}
