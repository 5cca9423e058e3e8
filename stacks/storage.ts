/**
 * The artifact bucket (generated file sets and ZIPs, content-addressed). Private (SST blocks
 * public access and denies plain-HTTP requests by default; both are pinned here), versioned
 * so an overwrite can be undone, encrypted at rest with SSE-S3 (no KMS call per object, so
 * the linked roles need no key permission), and kept small by
 * lifecycle rules that expire old non-current versions and abandoned multipart uploads.
 * The encryption and lifecycle documents are plain AWS resources: SST's lifecycle argument
 * has no rule for non-current versions or incomplete uploads.
 */
import { BUCKET, NAMES } from "./config";

export function createArtifactsBucket() {
  const bucket = new sst.aws.Bucket(NAMES.bucket, {
    versioning: BUCKET.versioning,
    enforceHttps: true,
    transform: {
      publicAccessBlock: (args) => {
        args.blockPublicAcls = true;
        args.blockPublicPolicy = true;
        args.ignorePublicAcls = true;
        args.restrictPublicBuckets = true;
        return undefined;
      },
    },
  });

  new aws.s3.BucketServerSideEncryptionConfiguration(`${NAMES.bucket}Encryption`, {
    bucket: bucket.name,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  });

  new aws.s3.BucketLifecycleConfiguration(`${NAMES.bucket}Lifecycle`, {
    bucket: bucket.name,
    rules: [
      {
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: BUCKET.noncurrentVersionExpirationDays },
      },
      {
        id: "abort-incomplete-uploads",
        status: "Enabled",
        filter: {},
        abortIncompleteMultipartUpload: { daysAfterInitiation: BUCKET.abortIncompleteUploadDays },
      },
    ],
  });
  return bucket;
}
