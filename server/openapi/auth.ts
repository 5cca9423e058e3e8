import { DomainError } from "../errors";
import { SUPPORTED_AUTH, type ApiAuth } from "../spec/api-tools";

/**
 * The document's security requirement as one ApiAuth. Supported: none, HTTP bearer, and an
 * API key in a header; anything else (OAuth2, OpenID Connect, basic, API keys in a query or
 * cookie, mutual TLS) is refused with the supported list, because the generated tool would
 * either fail at run time or put a credential where it leaks (URLs end up in logs).
 */

type Scheme = { type?: unknown; scheme?: unknown; in?: unknown; name?: unknown };

export const secretNameFor = (apiName: string, kind: "token" | "key") => `${apiName.toUpperCase()}_API_${kind === "token" ? "TOKEN" : "KEY"}`;

export function unsupportedAuth(what: string): DomainError {
  return new DomainError("invalid", `Unsupported authentication: ${what}. Supported: ${SUPPORTED_AUTH.join("; ")}`, {
    field: "auth",
    supported: [...SUPPORTED_AUTH],
  });
}

function fromScheme(name: string, s: Scheme, apiName: string): ApiAuth {
  if (s.type === "http" && typeof s.scheme === "string" && s.scheme.toLowerCase() === "bearer") {
    return { kind: "bearer", secretName: secretNameFor(apiName, "token") };
  }
  if (s.type === "apiKey" && s.in === "header" && typeof s.name === "string") {
    return { kind: "api-key-header", headerName: s.name, secretName: secretNameFor(apiName, "key") };
  }
  const detail = s.type === "apiKey" ? `an API key in the ${String(s.in)}` : s.type === "http" ? `HTTP ${String(s.scheme)}` : String(s.type);
  throw unsupportedAuth(`scheme '${name.slice(0, 100)}' is ${detail.slice(0, 100)}`);
}

/**
 * The auth of the selected operations: the first alternative of their security requirement
 * (operation-level, else document-level) that uses a supported scheme. All selected
 * operations must agree, since the tool set shares one credential.
 */
export function authFor(
  requirements: Array<Array<Record<string, unknown>> | undefined>,
  schemes: Record<string, Scheme>,
  apiName: string,
): ApiAuth {
  const chosen = requirements.map((alternatives) => {
    if (!alternatives || alternatives.length === 0) return { kind: "none" } as ApiAuth;
    let firstError: DomainError | undefined;
    for (const alt of alternatives) {
      const names = Object.keys(alt);
      if (names.length === 0) return { kind: "none" } as ApiAuth;
      if (names.length > 1) {
        firstError ??= unsupportedAuth(`a combination of schemes (${names.join(" + ").slice(0, 200)})`);
        continue;
      }
      const scheme = schemes[names[0]!];
      if (!scheme) throw new DomainError("invalid", `The security scheme '${names[0]!.slice(0, 100)}' is not defined in components.securitySchemes`, { field: "document" });
      try {
        return fromScheme(names[0]!, scheme, apiName);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        firstError ??= e;
      }
    }
    throw firstError!;
  });
  const distinct = new Set(chosen.map((a) => JSON.stringify(a)));
  if (distinct.size > 1) throw unsupportedAuth("the selected operations use different schemes; select operations that share one");
  return chosen[0] ?? { kind: "none" };
}
