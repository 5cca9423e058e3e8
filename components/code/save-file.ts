/** Hands bytes or text to the browser as a file download (no server round trip). */
export function saveFile(filename: string, data: Uint8Array | string, type: string): void {
  const blob = new Blob([typeof data === "string" ? data : (data as Uint8Array<ArrayBuffer>)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file's own name, for downloading one file of the project. */
export const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
