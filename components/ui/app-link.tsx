"use client";

import { useRouter } from "next/navigation";
import type { AnchorHTMLAttributes, MouseEvent } from "react";

/**
 * An in-app link: a real `<a href>` (open in a new tab, copy, crawl) that navigates with the App
 * Router the page already carries, and prefetches when pointed at or focused. next/link does the
 * same plus viewport prefetching, for 3.7 kB gzip of first-load JS on every page that shows a link
 * (issue 16's page budget is 170 kB); a handful of links does not need the viewport observer.
 */
export function AppLink({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  const navigate = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || !opensHere(event)) return;
    event.preventDefault();
    router.push(href);
  };
  return <a href={href} onClick={navigate} onMouseEnter={prefetch} onFocus={prefetch} {...rest} />;
}

/** A plain left click without modifier keys on a link without a target: the browser would open it in this tab. */
function opensHere(event: MouseEvent<HTMLAnchorElement>): boolean {
  const target = event.currentTarget.getAttribute("target");
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && (!target || target === "_self");
}
