import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { NodeSha256 } from "../../platform/node-sha256";

/**
 * Checks an AWS Signature Version 4 the way a service does: the Authorization header names
 * the access key, date, region and service of its scope and the headers it signed; the
 * signature is recomputed with @smithy/signature-v4 over exactly those headers, the method,
 * path, query and body, at the request's own X-Amz-Date, and compared in constant time.
 * Used by the rehearsal's stand-in AgentCore Gateway (AWS_IAM inbound auth).
 */

export type SigV4Credentials = { accessKeyId: string; secretAccessKey: string };
export type SigV4Scope = { credentials: SigV4Credentials; region: string; service: string };
export type SignedHttpRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
export type SigV4Verdict = { ok: true } | { ok: false; reason: string };

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : (v ?? ""));
const fail = (reason: string): SigV4Verdict => ({ ok: false, reason });
const signerFor = (scope: SigV4Scope) => new SignatureV4({ service: scope.service, region: scope.region, credentials: scope.credentials, sha256: NodeSha256 });

/** The query string as SignatureV4 takes it: each key with all its values. */
function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key);
  return query;
}

function signingDate(amzDate: string): Date | null {
  const m = AMZ_DATE.exec(amzDate);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))) : null;
}

/** The verdict on one request: ok, or why it is refused (missing, foreign or wrong signature). */
export async function verifySigV4(req: SignedHttpRequest, scope: SigV4Scope): Promise<SigV4Verdict> {
  const m = AUTHORIZATION.exec(headerValue(req.headers.authorization));
  if (!m) return fail("the request is not signed with AWS Signature Version 4");
  const [, accessKey, day, region, service, signedList, signature] = m as unknown as string[];
  if (accessKey !== scope.credentials.accessKeyId) return fail(`signed with an unknown access key ${accessKey}`);
  if (region !== scope.region || service !== scope.service) return fail(`signed for ${service} in ${region}, not ${scope.service} in ${scope.region}`);
  const date = signingDate(headerValue(req.headers["x-amz-date"]));
  if (!date || headerValue(req.headers["x-amz-date"]).slice(0, 8) !== day) return fail("X-Amz-Date is missing or does not match the credential scope");
  const signed = signedList!.split(";");
  if (!signed.includes("host")) return fail("the Host header is not signed");
  // The signer takes a signed X-Amz-Content-SHA256 as the payload's hash: it must be the body's own.
  const payloadHash = createHash("sha256").update(req.body).digest("hex");
  const claimed = req.headers["x-amz-content-sha256"];
  if (claimed !== undefined && headerValue(claimed) !== payloadHash) return fail("X-Amz-Content-SHA256 is not the hash of the body");
  const url = new URL(req.url, "http://placeholder");
  const headers = Object.fromEntries(signed.map((h) => [h, headerValue(req.headers[h])]));
  const resigned = await signerFor(scope).sign(
    { method: req.method, protocol: "http:", hostname: headers.host ?? "", path: url.pathname, query: queryOf(url), headers, ...(req.body ? { body: req.body } : {}) },
    { signingDate: date, signableHeaders: new Set(signed) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(resigned.headers.authorization ?? ""))?.[1] ?? "";
  const matches = expected.length === signature!.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  return matches ? { ok: true } : fail("the signature does not match the request");
}

/** Signs a request as an AWS SDK client would (the rehearsal's probes and the tests sign with it). */
export async function signRequest(req: { method: string; url: URL; headers: Record<string, string>; body?: string }, scope: SigV4Scope): Promise<Record<string, string>> {
  const signed = await signerFor(scope).sign({
    method: req.method,
    protocol: req.url.protocol,
    hostname: req.url.hostname,
    path: req.url.pathname,
    query: queryOf(req.url),
    headers: { host: req.url.host, ...req.headers },
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  return signed.headers as Record<string, string>;
}
