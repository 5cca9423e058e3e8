/**
 * The browser's ZIP of a version, built with JSZip (loaded on first use). It uses the same
 * order, timestamps and file modes as the server's stored ZIP (server/generation/zip.ts),
 * so both downloads hold the same bytes.
 */
export type ZipEntry = { path: string; content: string };

// DOS timestamps start in 1980; a fixed date keeps the archive's bytes identical everywhere.
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);

export async function zipFiles(files: readonly ZipEntry[]): Promise<Uint8Array> {
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) {
    zip.file(f.path, new TextEncoder().encode(f.content), {
      date: FIXED_DATE,
      createFolders: false,
      unixPermissions: f.path.endsWith(".sh") ? 0o100755 : 0o100644,
    });
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "UNIX" });
}

/** The download name, as the server names its ZIP: `<project-slug>-v<n>.zip`. */
export function zipFileName(projectName: string, version: number): string {
  const slug = projectName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "agent";
  return `${slug}-v${version}.zip`;
}

/** generation.download carries the ZIP as base64 (tRPC speaks JSON). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
