import {createHash} from 'node:crypto';
import type {StoredSession} from '../../src/store/session-record.js';

const two = (n: number) => String(n).padStart(2, '0');

/** A local date and time to the minute: `2025-03-01 14:05`. */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Whether the session has expired at `now`. */
export const isExpired = (session: StoredSession, now = Date.now()): boolean => Date.parse(session.expiresAt) <= now;

/** How long until `iso`: `in 23 h 59 min`, `in 5 min`, or `expired`. */
export function timeLeft(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `in ${hours} h ${minutes % 60} min` : `in ${Math.floor(hours / 24)} days`;
}

/** A server URL without its scheme (`127.0.0.1:41234`), for narrow columns. */
export const shortServer = (url: string): string => url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');

/** Cuts `text` to `width` characters, marking the cut with `…`; pads it to exactly `width`. */
export function cell(text: string, width: number): string {
  if (width <= 0) return '';
  const cut = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
  return cut.padEnd(width);
}

/** SHA-256 of a key's bytes (base64url, or hex), first 16 hex digits: lets two copies be compared without showing the key. */
export function keyFingerprint(value: string, encoding: 'base64url' | 'hex' = 'base64url'): string {
  return createHash('sha256').update(Buffer.from(value, encoding)).digest('hex').slice(0, 16);
}

/**
 * How a stored `keys` entry is shown: key material as a fingerprint (its encoding), or an identifier as it is.
 * Classic sessions keep the reference's `sessionId` (public: it is in every request's path) and `nonce` (hex).
 */
export function keyEntryKind(session: StoredSession, name: string): 'identifier' | 'hex' | 'base64url' {
  if (session.suite !== 'classic') return 'base64url';
  return name === 'sessionId' ? 'identifier' : name === 'nonce' ? 'hex' : 'base64url';
}
