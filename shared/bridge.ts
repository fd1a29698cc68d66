/**
 * What the desktop app's preload puts on `window.qa`, and all the page may use of it: one type, which the preload
 * is checked against (`satisfies`) and the page reads through, so neither side can drift from the other.
 * `DroppedFile` is the DOM's File on both sides; shared/ compiles without the DOM library.
 */
export interface QaBridge<DroppedFile = unknown> {
  /** Calls a contract method through the main process's one IPC handler. */
  invoke(method: string, input: unknown): Promise<unknown>;
  /** Core events; returns the unsubscribe function. */
  on(listener: (event: string, payload: unknown) => void): () => void;
  /** Where a file the user just dropped on the page is (desktop only; '' for anything else). */
  pathForFile(file: DroppedFile): string;
}
