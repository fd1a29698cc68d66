/**
 * Where the page finds a recording's audio. The desktop app serves it through the privileged qa-media: scheme,
 * browser mode through GET /media/<id> on its own origin; both support HTTP Range for seeking.
 */
export const mediaScheme = 'qa-media';
export const mediaHost = 'recording';

export function recordingMediaUrl(recordingId: string, transport: 'electron' | 'browser'): string {
  const id = encodeURIComponent(recordingId);
  return transport === 'electron' ? `${mediaScheme}://${mediaHost}/${id}` : `/media/${id}`;
}
