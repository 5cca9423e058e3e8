/** Data stores: the single table and the artifact bucket. */
import type { Snapshot } from "../harness/run-stack";
import { named, ofType } from "./query";
import { REQUIRED } from "./requirements";

export function checkTable(s: Snapshot): string[] {
  const t = named(s, "aws:dynamodb/table:Table", `${REQUIRED.table.component}Table`)?.inputs;
  if (!t) return [`table ${REQUIRED.table.component} is missing`];
  const v: string[] = [];
  if (t.hashKey !== REQUIRED.table.hashKey || t.rangeKey !== REQUIRED.table.rangeKey) v.push(`table keys are ${t.hashKey}/${t.rangeKey}, expected pk/sk`);
  const attrs = new Map((t.attributes ?? []).map((a: any) => [a.name, a.type]));
  for (const [index, [hash, range]] of Object.entries(REQUIRED.table.gsis)) {
    const gsi = (t.globalSecondaryIndexes ?? []).find((g: any) => g.name === index);
    if (!gsi) v.push(`table GSI ${index} is missing`);
    else if (gsi.hashKey !== hash || gsi.rangeKey !== range) v.push(`table GSI ${index} keys are ${gsi.hashKey}/${gsi.rangeKey}, expected ${hash}/${range}`);
    for (const key of [hash, range]) if (attrs.get(key) !== "S") v.push(`table attribute ${key} must be declared as a string`);
  }
  if (t.billingMode !== "PAY_PER_REQUEST") v.push(`table billing is ${t.billingMode}, expected on-demand (PAY_PER_REQUEST)`);
  if (t.pointInTimeRecovery?.enabled !== true) v.push("table point-in-time recovery is not enabled");
  if (t.serverSideEncryption?.enabled !== true) v.push("table server-side encryption is not enabled");
  if (s.stage === "production" && t.deletionProtectionEnabled !== true) v.push("production table has no deletion protection");
  return v;
}

export function checkBucket(s: Snapshot): string[] {
  const v: string[] = [];
  const name = REQUIRED.bucket;
  if (!named(s, "aws:s3/bucket:Bucket", `${name}Bucket`)) return [`bucket ${name} is missing`];

  const block = named(s, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${name}PublicAccessBlock`)?.inputs;
  for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
    if (block?.[flag] !== true) v.push(`bucket public access: ${flag} is not true`);
  }
  if (named(s, "aws:s3/bucketVersioning:BucketVersioning", `${name}Versioning`)?.inputs.versioningConfiguration?.status !== "Enabled") v.push("bucket versioning is not enabled");

  const encryption = ofType(s, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")[0]?.inputs;
  const algorithm = encryption?.rules?.[0]?.applyServerSideEncryptionByDefault?.sseAlgorithm;
  if (!["AES256", "aws:kms", "aws:kms:dsse"].includes(algorithm)) v.push("bucket default encryption is not configured");

  const rules: any[] = (ofType(s, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")[0]?.inputs.rules ?? []).filter((r: any) => r.status === "Enabled");
  if (!rules.some((r) => r.noncurrentVersionExpiration?.noncurrentDays > 0)) v.push("bucket lifecycle does not expire non-current versions");
  if (!rules.some((r) => r.abortIncompleteMultipartUpload?.daysAfterInitiation > 0)) v.push("bucket lifecycle does not abort incomplete multipart uploads");

  const policy = named(s, "aws:s3/bucketPolicy:BucketPolicy", `${name}Policy`)?.inputs.policy;
  const denyHttp = policy && JSON.parse(policy).Statement.some((st: any) => st.Effect === "Deny" && st.Condition?.Bool?.["aws:SecureTransport"] === "false");
  if (!denyHttp) v.push("bucket policy does not deny plain-HTTP requests");
  return v;
}
