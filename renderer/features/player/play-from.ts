/**
 * Plays a call from a note's time in a plain audio element (read-only views: an evaluation, a dispute, calibration
 * results). Those elements load nothing until asked (preload="none": opening a view costs no request, and a call
 * that is not in this library is never fetched), so a seek waits for the metadata the load brings.
 * Returns a function that drops the pending seek (the view moved on).
 */
export function playFrom(media: HTMLMediaElement, ms: number): () => void {
  const start = () => {
    media.currentTime = ms / 1000;
    void media.play().catch(() => undefined); // a refused autoplay leaves it paused at the note: still useful
  };
  if (media.readyState >= HTMLMediaElement.HAVE_METADATA) {
    start();
    return () => undefined;
  }
  media.addEventListener('loadedmetadata', start, { once: true });
  if (media.networkState !== HTMLMediaElement.NETWORK_LOADING) media.load();
  return () => media.removeEventListener('loadedmetadata', start);
}
