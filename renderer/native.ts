/**
 * Desktop-only helpers for the page. Drag-and-drop import: in the desktop app a dropped file's path comes from the
 * preload's pathForFile; a browser never reveals paths, so there the page asks the user to type one instead.
 */

/** Paths of dropped files and folders, or null in browser mode where paths are not available. */
export function droppedPaths(files: FileList | readonly File[]): string[] | null {
  const bridge = window.qa;
  if (!bridge) return null;
  return Array.from(files)
    .map((file) => bridge.pathForFile(file))
    .filter((path) => path.length > 0);
}
