/** The first field error of a tRPC BAD_REQUEST (zod), or the error's message. */
export function fieldError(error: unknown, field: string): string | null {
  const data = (error as { data?: { zodError?: { fieldErrors?: Record<string, string[]> } } } | null)?.data;
  return data?.zodError?.fieldErrors?.[field]?.[0] ?? null;
}

/** The machine-readable details a DomainError carries to the client (`data.details`), or null. */
export function errorDetails(error: unknown): { field?: string; missing?: string[]; issues?: unknown } | null {
  return (error as { data?: { details?: { field?: string; missing?: string[]; issues?: unknown } | null } } | null)?.data?.details ?? null;
}

export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : String(error);
}
