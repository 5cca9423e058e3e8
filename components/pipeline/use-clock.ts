"use client";

import { useEffect, useState } from "react";

/**
 * The time, ticking every 250 ms while `ticking`, for a running pipeline's elapsed time. Null
 * until the page has hydrated: the server's clock and the browser's differ, and a time rendered
 * by both would not match (React's hydration error #418).
 */
export function useClock(ticking: boolean): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (!ticking) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [ticking]);
  return now;
}
