/**
 * `tsx bench/profile-summary.ts <file.cpuprofile> [top]`: self time by function and by package
 * from a V8 CPU profile (node --cpu-prof), so a profile can be read in a terminal and quoted.
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function packageOf(url: string): string {
  if (!url) return "(native/vm)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const m = /\/(server|app|components|\.next[\w-]*)\//.exec(url);
  return m ? `(app) ${m[1]}` : url.slice(-60);
}

/** `window`: [from, to] in seconds before the profile's end (e.g. [30, 20] = the 10 s that ended 20 s before exit). */
export function summarise(profile: Profile, top = 25, window?: [number, number]): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const times: number[] = [];
  profile.timeDeltas.reduce((t, d, i) => (times[i] = t + d), profile.startTime);
  const from = window ? profile.endTime - window[0] * 1e6 : -Infinity;
  const to = window ? profile.endTime - window[1] * 1e6 : Infinity;
  profile.samples.forEach((id, i) => {
    if (times[i]! >= from && times[i]! < to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame: c } = byId.get(id)!;
    const key = `${c.functionName || "(anonymous)"} ${packageOf(c.url)}:${c.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p = c.functionName === "(idle)" ? "(idle)" : c.functionName === "(garbage collector)" ? "(gc)" : packageOf(c.url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${pct(us)}  ${k}`);
  return [`total ${(total / 1e6).toFixed(1)} s sampled`, "", "self time by package:", ...rows(pkg), "", "self time by function:", ...rows(fn)].join("\n");
}

if (process.argv[1]?.endsWith("profile-summary.ts")) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top] [fromSecBeforeEnd:toSecBeforeEnd]");
  const window = process.argv[4]?.split(":").map(Number) as [number, number] | undefined;
  console.log(summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(process.argv[3] ?? 25), window));
}
