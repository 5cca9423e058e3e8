import { chromium } from "@playwright/test";
import { post, signUpAndIn, startServer } from "./server-process";

/**
 * Issue 16's page targets, measured in Chromium on a cold cache: the project page's first-load
 * JS (compressed bytes of every script fetched until the load event; target ≤ 170 kB), LCP
 * (target ≤ 1.0 s on localhost), layout shift, and how many WebSockets the page opens (one).
 * BASE_URL measures a server that is already running; otherwise one is started.
 */
export async function run(): Promise<Record<string, number>> {
  const external = process.env.BASE_URL;
  const server = external ? null : await startServer(3293, ".data-bench-web");
  const base = external ?? "http://localhost:3293";
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const session = await signUpAndIn(base, `bench-web-${Date.now()}@bench.local`, "bench password 123");
    const { id } = (await post(base, "project.create", { name: "Web bench" }, { cookie: session })) as { id: string };
    const [name, value] = session.split(/=(.*)/s) as [string, string];
    const figures: Record<string, number> = {};
    for (const round of ["cold", "warm server"]) {
      const context = await browser.newContext();
      await context.addCookies([{ name, value, url: base }]);
      const page = await context.newPage();
      let sockets = 0;
      page.on("websocket", () => sockets++);
      await page.goto(`${base}/projects/${id}`, { waitUntil: "load" });
      await page.getByTestId("consultation-tab").waitFor();
      await page.waitForTimeout(2_000); // late sockets, the final LCP candidate and shifts
      const m = await page.evaluate(pageFigures);
      figures[`${round}: first-load JS (kB, compressed)`] = Math.round(m.jsEncoded / 102.4) / 10;
      figures[`${round}: first-load JS (kB, uncompressed)`] = Math.round(m.jsDecoded / 1024);
      figures[`${round}: scripts`] = m.scripts;
      figures[`${round}: Monaco loaded on first load (1 = yes)`] = m.monaco;
      figures[`${round}: LCP (ms)`] = Math.round(m.lcp);
      figures[`${round}: HTML time to first byte (ms)`] = Math.round(m.ttfb);
      figures[`${round}: HTML complete (ms)`] = Math.round(m.htmlDone);
      figures[`${round}: cumulative layout shift (x1000)`] = Math.round(m.cls * 1000);
      figures[`${round}: WebSockets opened`] = sockets;
      if (round === "cold") {
        await page.getByRole("tab", { name: "Code" }).click();
        await page.waitForTimeout(2_000);
        figures["Code tab: layout shift after opening (x1000)"] = Math.round((await page.evaluate(pageFigures)).cls * 1000 - figures["cold: cumulative layout shift (x1000)"]!);
      }
      await context.close();
    }
    return figures;
  } finally {
    await browser.close();
    await server?.stop();
  }
}

/** Runs in the page. */
function pageFigures() {
  const scripts = performance.getEntriesByType("resource").filter((r) => (r as PerformanceResourceTiming).initiatorType === "script" || r.name.endsWith(".js")) as PerformanceResourceTiming[];
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
  const loaded = scripts.filter((s) => s.startTime <= navigation.loadEventEnd);
  return new Promise<{ jsEncoded: number; jsDecoded: number; scripts: number; monaco: number; lcp: number; ttfb: number; htmlDone: number; cls: number }>((resolve) => {
    let lcp = 0;
    let cls = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (lcp = Math.max(lcp, e.startTime)))).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (cls += (e as unknown as { value: number; hadRecentInput: boolean }).hadRecentInput ? 0 : (e as unknown as { value: number }).value))).observe({ type: "layout-shift", buffered: true });
    setTimeout(() =>
      resolve({
        jsEncoded: loaded.reduce((n, s) => n + s.encodedBodySize, 0),
        jsDecoded: loaded.reduce((n, s) => n + s.decodedBodySize, 0),
        scripts: loaded.length,
        monaco: "MonacoEnvironment" in self ? 1 : 0,
        lcp,
        ttfb: navigation.responseStart,
        htmlDone: navigation.responseEnd,
        cls,
      }),
    100);
  });
}
