import { DomainError } from "../../errors";
import type { ModelEntry } from "../../registry/schema";

/**
 * Where a Bedrock model can be called from, as far as the registry knows. The registry
 * records cross-region inference profiles per geography (`us.`, `eu.`, `apac.`, `jp.`, `au.`,
 * `global.`, `us-gov.`), not a per-region list (shared/reference/README.md: "Bedrock region
 * availability only inferable from key prefixes"). A profile is callable from the source
 * Regions of its geography (docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html,
 * read 2026-12-04); the region prefixes below name those geographies.
 */
const GEOGRAPHY_REGIONS: Record<string, { label: string; matches: (region: string) => boolean }> = {
  us: { label: "US Regions (us-*)", matches: (r) => /^us-(east|west)-\d$/.test(r) },
  "us-gov": { label: "AWS GovCloud (us-gov-*)", matches: (r) => r.startsWith("us-gov-") },
  eu: { label: "EU Regions (eu-*)", matches: (r) => r.startsWith("eu-") },
  apac: { label: "Asia Pacific Regions (ap-*)", matches: (r) => r.startsWith("ap-") },
  jp: { label: "Japan Regions (ap-northeast-1, ap-northeast-3)", matches: (r) => r === "ap-northeast-1" || r === "ap-northeast-3" },
  au: { label: "Australia Regions (ap-southeast-2, ap-southeast-4)", matches: (r) => r === "ap-southeast-2" || r === "ap-southeast-4" },
  global: { label: "every commercial Region", matches: (r) => !r.startsWith("us-gov-") && !r.startsWith("cn-") },
};

export type ProfileOption = { modelId: string; geography: string; regions: string; coversRegion: boolean };
export type ModelAccess = {
  modelId: string;
  modelName: string;
  region: string;
  /** ok: callable from the region; unverified: the registry has no evidence either way. */
  status: "ok" | "unverified";
  note: string;
  /** The cross-region inference profiles of the same model, and whether each covers the region. */
  profiles: ProfileOption[];
};

const baseOf = (m: ModelEntry) => m.baseModelId ?? m.id;

/** Refuses a region the chosen model cannot be called from, naming the regions (and profiles) that can. */
export function checkModelAccess(model: ModelEntry, region: string, models: readonly ModelEntry[]): ModelAccess {
  if (model.provider !== "bedrock") {
    throw new DomainError("invalid", `Model '${model.id}' is served by ${model.provider}, not Bedrock: a deployed agent in AWS needs a Bedrock model`, { field: "model.id" });
  }
  const siblings = models.filter((m) => m.provider === "bedrock" && m.inferenceProfile && baseOf(m) === baseOf(model));
  const profiles = siblings.map((m) => {
    const geo = GEOGRAPHY_REGIONS[m.inferenceProfile!];
    return { modelId: m.id, geography: m.inferenceProfile!, regions: geo?.label ?? m.inferenceProfile!, coversRegion: geo?.matches(region) ?? false };
  });
  const base = { modelId: model.id, modelName: model.name, region, profiles };
  if (model.inferenceProfile) {
    const geo = GEOGRAPHY_REGIONS[model.inferenceProfile];
    if (geo && !geo.matches(region)) {
      const alternatives = profiles.filter((p) => p.coversRegion).map((p) => p.modelId);
      const hint = alternatives.length > 0 ? ` For ${region} use ${alternatives.join(" or ")}.` : "";
      throw new DomainError("invalid", `Model '${model.id}' is a ${model.inferenceProfile}. cross-region profile, callable only from ${geo.label}; ${region} is not one of them.${hint}`, {
        field: "deployment.region",
        regions: geo.label,
        profiles,
      });
    }
    return { ...base, status: "ok", note: `Called through the ${model.inferenceProfile}. cross-region inference profile from ${region}; enable model access for ${baseOf(model)} in the profile's Regions.` };
  }
  if (profiles.length > 0 && !profiles.some((p) => p.coversRegion)) {
    const where = profiles.map((p) => p.regions).join("; ");
    throw new DomainError("invalid", `Model '${model.id}' is not known to be offered in ${region}: the registry lists it in ${where}.`, { field: "deployment.region", regions: where, profiles });
  }
  return {
    ...base,
    status: profiles.length > 0 ? "ok" : "unverified",
    note: profiles.length > 0
      ? `Invoked in-region in ${region}; enable model access for ${model.id} in the Bedrock console of ${region}.`
      : `The registry has no Region evidence for ${model.id}; check model access in the Bedrock console of ${region} before deploying.`,
  };
}
