/**
 * Calibration's addresses. `#/calibration` lists the sessions, `#/calibration/<id>` opens one and
 * `#/calibration/<id>/results` its results; `#/calibration/print?id=<id>` is the results alone for PDF export.
 * A call is scored for a session on the evaluate page at `#/evaluate/<recordingId>/calibration/<sessionId>`.
 */
export type CalibrationRoute =
  { view: 'list' } | { view: 'detail'; id: string } | { view: 'results'; id: string } | { view: 'print'; id: string };

export function calibrationRoute(hash = window.location.hash): CalibrationRoute {
  const [path, query] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').map((p) => decodeURIComponent(p));
  if (parts[1] === 'print') return { view: 'print', id: new URLSearchParams(query ?? '').get('id') ?? '' };
  if (!parts[1]) return { view: 'list' };
  return parts[2] === 'results' ? { view: 'results', id: parts[1] } : { view: 'detail', id: parts[1] };
}

export const sessionHash = (id: string) => `#/calibration/${encodeURIComponent(id)}`;
export const resultsHash = (id: string) => `#/calibration/${encodeURIComponent(id)}/results`;
export const scoreHash = (recordingId: string, sessionId: string) =>
  `#/evaluate/${encodeURIComponent(recordingId)}/calibration/${encodeURIComponent(sessionId)}`;

/** The session a call is being scored for, from the evaluate page's address (null: the call's own evaluation). */
export function calibrationIdOfEvaluateHash(hash = window.location.hash): string | null {
  const parts = hash.replace(/^#\/?/, '').split('/');
  return parts[0] === 'evaluate' && parts[2] === 'calibration' && parts[3] ? decodeURIComponent(parts[3]) : null;
}
