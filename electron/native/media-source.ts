/** Connects the qa-media: scheme to the core's media function (issue 3), the same one browser mode's /media/ uses. */
import type { Core } from '../core/core';
import { serveMedia } from '../core/recordings/media';
import type { MediaSource } from '../security/media-protocol';

export function mediaSourceFor(core: Core): MediaSource {
  return async (recordingId, rangeHeader, method) =>
    serveMedia(core.db, core.dataDir, recordingId, rangeHeader ?? undefined, method);
}
