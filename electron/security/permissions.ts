/**
 * Permission requests from pages are refused unless listed here, and only for our own page. Pure, so tested.
 * Writing plain text to the clipboard (copying a call id or a finding) is the one thing the page may do; camera,
 * microphone, geolocation, notifications from the page, MIDI, HID, serial and the rest are never granted.
 */
import { isOwnPage } from './origin';

const allowedForOwnPage: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined | null): boolean {
  return allowedForOwnPage.has(permission) && isOwnPage(requestingUrl);
}
