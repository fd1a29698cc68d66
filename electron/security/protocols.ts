/** Binds the two app schemes to their (pure, tested) handlers. Called once the app is ready. */
import { protocol } from 'electron';
import { mediaScheme } from '../../shared/media-url';
import { createAppProtocolHandler } from './app-protocol';
import { createMediaProtocolHandler, type MediaSource } from './media-protocol';
import { appScheme } from './origin';

export function serveAppSchemes(rendererDir: string, media: MediaSource, log: (m: string, e: unknown) => void): void {
  const guard =
    (name: string, handler: (request: Request) => Promise<Response>) =>
    async (request: Request): Promise<Response> => {
      try {
        return await handler(request);
      } catch (error) {
        log(`${name} request failed: ${request.url}`, error);
        return new Response('internal error', { status: 500 });
      }
    };
  protocol.handle(appScheme, guard(appScheme, createAppProtocolHandler(rendererDir)));
  protocol.handle(mediaScheme, guard(mediaScheme, createMediaProtocolHandler(media)));
}
