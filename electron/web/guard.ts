/**
 * Who may use browser mode's API and media, decided per request.
 *
 * Browser mode listens on 127.0.0.1, where other local servers listen too, and cookies ignore ports: a cookie set
 * for 127.0.0.1:5180 is also sent to a page's server on 127.0.0.1:18999, and SameSite does not help because both
 * are the same site. So no credential lives in a cookie. The run's token reaches the page once, in the address the
 * host prints; the page keeps it in sessionStorage (which is per origin, port included) and sends it in the
 * Authorization header. A page on another origin cannot read it, and cannot send that header without a CORS
 * preflight, which we never grant. Origin and Sec-Fetch-Site are checked as well, so a cross-origin request is
 * refused before its body is read, whatever it carries.
 *
 * An <audio> element cannot send a header, so media addresses carry a key derived from the token (HMAC with a fixed
 * label, computed by the page with WebCrypto): a copied audio address lets one listen during this run, and grants
 * nothing else.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { mediaKeyLabel } from '../../shared/media-url';

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function mediaKeyFor(token: string): string {
  return createHmac('sha256', token).update(mediaKeyLabel).digest('base64url');
}

export type Refusal = 'cross_origin' | 'unauthorized' | undefined;

export class RequestGuard {
  private readonly mediaKey: string;
  private readonly origins: Set<string>;

  constructor(
    private readonly token: string,
    port: number,
  ) {
    this.mediaKey = mediaKeyFor(token);
    this.origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  }

  /**
   * A request a browser sent on behalf of another origin (another port included). Browsers send Sec-Fetch-Site on
   * every request and Origin on every POST; scripts and the tests send neither and rely on the token alone.
   * `navigation` also lets through what the user opened from the address bar ('none').
   */
  private crossOrigin(req: IncomingMessage, navigation: boolean): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && !(navigation && site === 'none')) return true;
    const origin = req.headers.origin;
    return origin !== undefined && !this.origins.has(origin);
  }

  private bearer(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    return header?.startsWith('Bearer ') === true && sameSecret(header.slice('Bearer '.length), this.token);
  }

  /** API calls and the event stream: same origin and the token in the Authorization header. */
  api(req: IncomingMessage): Refusal {
    if (this.crossOrigin(req, false)) return 'cross_origin';
    return this.bearer(req) ? undefined : 'unauthorized';
  }

  /**
   * The sync server address decides where the inspector's evaluations (and their comments) go, so over HTTP only
   * the app's own page may set it: a browser request that names our origin. Scripts use the `qa` command.
   */
  ownPage(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin !== undefined && this.origins.has(origin) && req.headers['sec-fetch-site'] === 'same-origin';
  }

  /** Audio: the media key in the address (the page's <audio>), or the token in the header (scripts). */
  media(req: IncomingMessage, key: string | null): Refusal {
    if (this.crossOrigin(req, true)) return 'cross_origin';
    if (key !== null && sameSecret(key, this.mediaKey)) return undefined;
    return this.bearer(req) ? undefined : 'unauthorized';
  }

  /** The login address's token, checked so a wrong one is told at once rather than as failing calls. */
  login(candidate: string): boolean {
    return sameSecret(candidate, this.token);
  }
}
