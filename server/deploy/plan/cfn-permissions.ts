import { z } from "zod";
import { RegistryFileError } from "../../registry/errors";
import data from "./cfn-handler-permissions.json";

/**
 * The IAM actions CloudFormation's handlers call for each resource type a generated stack can
 * contain, from the types' registry schemas (cfn-handler-permissions.json, written by
 * scripts/build-cfn-permissions.ts). One source for the plan's deployer needs, the bootstrap
 * execution role's policy and the actions Apply simulates.
 */
/** The data file, relative to the project root (named in validation errors). */
export const CFN_PERMISSIONS_FILE = "server/deploy/plan/cfn-handler-permissions.json";
export const HANDLERS = ["create", "read", "update", "delete", "list"] as const;

const ActionName = z.string().regex(/^[a-z0-9-]+:\S+$/, "expected service:Action");
const CfnPermissionsFileSchema = z.object({
  $comment: z.string(),
  source: z.object({
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    read: z.iso.date(),
    origin: z.string().min(1),
  }),
  types: z.record(
    z.string().regex(/^AWS::\w+::\w+$/, "expected AWS::Service::Type"),
    z.object({ path: z.string().min(1), handlers: z.partialRecord(z.enum(HANDLERS), z.array(ActionName)) }),
  ),
});
export type CfnPermissionsFile = z.infer<typeof CfnPermissionsFileSchema>;

export function parseCfnPermissions(raw: unknown, file = CFN_PERMISSIONS_FILE): CfnPermissionsFile {
  const parsed = CfnPermissionsFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new RegistryFileError(file, parsed.error.issues.map((i) => ({
    index: null,
    id: i.path[0] === "types" ? String(i.path[1]) : null,
    field: i.path.join("."),
    message: i.message,
  })));
}

let cached: CfnPermissionsFile | null = null;
/** The validated file, parsed once per process. */
export function cfnPermissions(): CfnPermissionsFile {
  cached ??= parseCfnPermissions(data);
  return cached;
}

/**
 * A few schema entries are not IAM action names: AWS::Logs::LogGroup lists `s3:REST.PUT.OBJECT`,
 * an S3 server-access-log operation name, not an action in S3's Service Authorization Reference.
 * An IAM action name is letters and digits after the prefix; anything else is kept in the data
 * (it is the schema's text) but never granted or simulated.
 */
export const isIamActionName = (action: string) => /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action);

const actionsByType = new Map<string, readonly string[]>();
/** The actions CloudFormation may call for `type` across all its handlers, or null for a type not in the data. */
export function handlerActions(type: string): string[] | null {
  const entry = cfnPermissions().types[type];
  if (!entry) return null;
  let actions = actionsByType.get(type);
  if (!actions) actionsByType.set(type, (actions = [...new Set(HANDLERS.flatMap((h) => entry.handlers[h] ?? []))].filter(isIamActionName).sort()));
  return [...actions];
}

export const knownResourceTypes = (): string[] => Object.keys(cfnPermissions().types).sort();

/** Every type's handler actions: what the bootstrap execution role is granted. */
export function allHandlerActions(): string[] {
  return [...new Set(knownResourceTypes().flatMap((t) => handlerActions(t) ?? []))].sort();
}

/** Where a type's actions were read: "repo@commit:path (read date)". */
export function handlerSource(type: string): string | null {
  const { source, types } = cfnPermissions();
  const entry = types[type];
  return entry ? `${source.repo}@${source.commit.slice(0, 12)}:${entry.path} (read ${source.read})` : null;
}
