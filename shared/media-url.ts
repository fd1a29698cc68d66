/**
 * Where the page finds a recording's audio. The desktop app serves it through the privileged qa-media: scheme,
 * browser mode through GET /media/<id> on its own origin; both support HTTP Range for seeking.
 */
export const mediaScheme = 'qa-media';
export const mediaHost = 'recording';

/**
 * Browser mode's media key is HMAC-SHA256(run token, this label), base64url: an <audio> element cannot send the
 * token in a header, and the key in its address grants listening only (electron/web/guard.ts).
 */
export const mediaKeyLabel = 'qa-media-v1';

export function recordingMediaUrl(recordingId: string, transport: 'electron' | 'browser', mediaKey?: string): string {
  const id = encodeURIComponent(recordingId);
  if (transport === 'electron') return `${mediaScheme}://${mediaHost}/${id}`;
  return mediaKey ? `/media/${id}?key=${encodeURIComponent(mediaKey)}` : `/media/${id}`;
}
