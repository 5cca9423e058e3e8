import JSZip from "jszip";
import { fileBytes, sortedPaths } from "./content-hash";
import type { ProjectFiles } from "./types";

// DOS timestamps start in 1980; a fixed local date keeps the archive's bytes identical everywhere.
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);

/**
 * The project as a ZIP under `rootDir/` (default: no folder): files in path order, fixed
 * timestamps, shell scripts executable, so the same files always give the same bytes.
 */
export async function zipProject(files: ProjectFiles, rootDir = ""): Promise<Uint8Array> {
  const zip = new JSZip();
  const prefix = rootDir ? `${rootDir.replace(/\/+$/, "")}/` : "";
  for (const path of sortedPaths(files)) {
    zip.file(`${prefix}${path}`, fileBytes(files.get(path)!), {
      date: FIXED_DATE,
      createFolders: false,
      unixPermissions: path.endsWith(".sh") ? 0o100755 : 0o100644,
    });
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "UNIX" });
}
