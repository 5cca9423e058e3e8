/**
 * The parts of SST's runtime that its components share, re-implemented from SST v4.17.0
 * (anomalyco/sst@8bfe1c1): component transforms (`$transform`, components/component.ts),
 * the `transform` argument merge, links (components/link.ts: properties, `include` entries
 * of type "aws.permission", and the SST_RESOURCE_* variables containers receive).
 */
import * as pulumi from "@pulumi/pulumi";

export type ComponentRecord = { type: string; name: string; args: Record<string, unknown> };
export const components: ComponentRecord[] = [];
/** Values that must resolve before the snapshot is read (route registrations and the like). */
export const pending: pulumi.Output<unknown>[] = [];

const componentTransforms = new Map<string, ((args: any, opts: any, name: string) => void)[]>();

export function $transform(cls: { __pulumiType?: string }, cb: (args: any, opts: any, name: string) => void) {
  const type = cls.__pulumiType;
  if (!type) throw new Error("fake $transform: class without __pulumiType");
  componentTransforms.set(type, [...(componentTransforms.get(type) ?? []), cb]);
}

/** components/component.ts `transform()`: a callback mutates, an object is spread over. */
export function transform<T extends object>(t: unknown, name: string, args: T, opts: pulumi.CustomResourceOptions): [string, T, pulumi.CustomResourceOptions] {
  if (typeof t === "function") {
    t(args, opts, name);
    return [name, args, opts];
  }
  return [name, { ...args, ...(t as Partial<T> | undefined) }, opts];
}

export abstract class FakeComponent extends pulumi.ComponentResource {
  readonly sstName: string;
  constructor(type: string, name: string, args: Record<string, any>, record: (args: any) => Record<string, unknown> = () => ({})) {
    for (const t of componentTransforms.get(type) ?? []) t(args, {}, name);
    super(type, name, {});
    this.sstName = name;
    components.push({ type, name, args: record(args) });
  }
}

export type Linkable = { sstName?: string; getSSTLink(): { properties: Record<string, any>; include?: { type: string; [k: string]: any }[] } };
const isLinkable = (l: any): l is Linkable => l && typeof l.getSSTLink === "function";

export function linkNames(links: unknown): string[] {
  return ((links as any[]) ?? []).filter(isLinkable).map((l) => l.sstName ?? "?");
}

/** link.ts getInclude("aws.permission", links) */
export function linkPermissions(links: unknown): { actions: string[]; resources: any }[] {
  return ((links as any[]) ?? []).filter(isLinkable).flatMap((l) => (l.getSSTLink().include ?? []).filter((i) => i.type === "aws.permission")) as any;
}

/** link.ts propertiesToEnv: what a container's environment receives for its links. */
export function linkEnvironment(links: unknown): pulumi.Output<Record<string, string>> {
  const entries = ((links as any[]) ?? []).filter(isLinkable).map((l) =>
    pulumi.output(l.getSSTLink().properties).apply((p) => [`SST_RESOURCE_${l.sstName}`, JSON.stringify(p)] as const),
  );
  return pulumi.all(entries).apply((e) => Object.fromEntries(e));
}

/** aws/function.ts & fargate.ts: permissions + link permissions as one IAM policy document. */
export function policyDocument(statements: { effect?: string; actions: string[]; resources: any }[]) {
  return pulumi.output(statements).apply((s) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: s.map((x) => ({ Effect: x.effect === "deny" ? "Deny" : "Allow", Action: x.actions, Resource: x.resources })),
    }),
  );
}

export const toSeconds = (d: string) => {
  const [n, unit] = d.split(" ");
  const k = unit!.startsWith("second") ? 1 : unit!.startsWith("minute") ? 60 : unit!.startsWith("hour") ? 3600 : 86400;
  return Number(n) * k;
};
export const toMBs = (s: string) => (s.endsWith("GB") ? parseFloat(s) * 1024 : parseFloat(s));
/** aws/logging.ts RETENTION (subset) */
export const RETENTION: Record<string, number> = { "1 day": 1, "3 days": 3, "5 days": 5, "1 week": 7, "2 weeks": 14, "1 month": 30, "3 months": 90, "6 months": 180, "1 year": 365, forever: 0 };
