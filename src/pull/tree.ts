/**
 * Writing the pulled tree (issue 13: "files written under a temp dir and renamed into place"):
 * the files in a temporary directory beside the destination, one rename at the end.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { UsageError } from "../errors.ts";

/** A file of the tree: path relative to `<app>/`, text, and whether it holds a secret (mode 0600). */
export interface TreeFile {
  path: string;
  text: string;
  secret?: boolean;
}

/** The kustomization header every kustomization.yaml of the tree starts with. */
export const KUSTOMIZATION = { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization" };

/** A value as YAML for the tree: no line folding, YAML 1.1 quoting (what kubectl's reader expects). */
export function yamlText(v: unknown): string {
  return stringify(v, { lineWidth: 0, version: "1.1" });
}

/**
 * Writes `files` and a copy of the release (upstream/) into a temporary directory beside `appDir`,
 * then renames it to `appDir`. `imagesDir` (same file system) is moved in as `images/`; without
 * it an existing `appDir/images/` is moved over. An existing `appDir` keeps its overlays/downstreams and is replaced
 * (renamed aside, then removed; put back if the swap fails). On any failure the temporary
 * directory, and the directories this call created for it, are removed. A full disk (ENOSPC,
 * EDQUOT), a read-only or forbidden --rootdir (EROFS, EACCES, EPERM) are UsageError (exit 2)
 * naming `rootDirFlag`; other errors are rethrown.
 */
export function writeTree(releaseDir: string, appDir: string, files: readonly TreeFile[], rootDirFlag: string, imagesDir?: string): void {
  const parent = path.dirname(appDir);
  let created: string | undefined;
  let tmp: string | undefined;
  // images/ (an OCI image layout, possibly GBs) is moved, never copied: back to appDir on failure
  let movedImages: string | undefined;
  try {
    created = mkdirSync(parent, { recursive: true });
    tmp = mkdtempSync(path.join(parent, `.${path.basename(appDir)}.pull-`));
    cpSync(releaseDir, path.join(tmp, "upstream"), { recursive: true, filter: (src) => path.relative(releaseDir, src) !== "userdata" });
    for (const f of files) {
      const target = path.join(tmp, f.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.text, { mode: f.secret ? 0o600 : 0o644 });
    }
    const oldDownstreams = path.join(appDir, "overlays", "downstreams");
    if (existsSync(oldDownstreams)) {
      rmSync(path.join(tmp, "overlays", "downstreams"), { recursive: true, force: true });
      cpSync(oldDownstreams, path.join(tmp, "overlays", "downstreams"), { recursive: true });
    }
    const oldImages = path.join(appDir, "images");
    if (imagesDir !== undefined) renameSync(imagesDir, path.join(tmp, "images"));
    else if (existsSync(oldImages)) {
      renameSync(oldImages, path.join(tmp, "images"));
      movedImages = oldImages;
    }
    if (existsSync(appDir)) {
      const aside = `${tmp}.old`;
      renameSync(appDir, aside);
      try {
        renameSync(tmp, appDir);
      } catch (err) {
        renameSync(aside, appDir);
        throw err;
      }
      rmSync(aside, { recursive: true, force: true });
    } else renameSync(tmp, appDir);
  } catch (err) {
    if (movedImages && tmp && existsSync(path.join(tmp, "images")) && !existsSync(movedImages)) {
      try {
        renameSync(path.join(tmp, "images"), movedImages);
      } catch {
        /* left in the temporary directory's place: removed below */
      }
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (created) rmSync(created, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") throw new UsageError(`${rootDirFlag}: the disk is full (no space left on device): free some space or choose another --rootdir; nothing was written`);
    if (code === "EROFS" || code === "EACCES" || code === "EPERM") throw new UsageError(`${rootDirFlag} cannot be written (${code === "EROFS" ? "read-only file system" : "permission denied"}): choose another --rootdir; nothing was written`);
    throw err;
  }
}
