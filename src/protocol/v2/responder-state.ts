import {BoundedTtlMap, NonceCache} from '../bounded-map.js';
import type {Transcript} from '../transcript.js';
import {PENDING_TTL_MS, TIMESTAMP_FUTURE_MS, TIMESTAMP_PAST_MS} from './constants.js';
import type {ChannelKeys, SessionKeys} from './key-schedule.js';

/** Caps and lifetimes of the responder's in-memory state (property 9). */
export interface ResponderLimits {
  /** Pending anonymous channels (A0 answered, A1 not yet received). */
  readonly maxChannels: number;
  /** Pending sessions (A2 answered, A3 not yet received). */
  readonly maxPendingSessions: number;
  /** Client nonces remembered for replay detection. */
  readonly maxNonces: number;
  readonly pendingTtlMs: number;
  readonly timestampPastMs: number;
  readonly timestampFutureMs: number;
}

export const DEFAULT_RESPONDER_LIMITS: ResponderLimits = {
  maxChannels: 10_000,
  maxPendingSessions: 10_000,
  maxNonces: 200_000,
  pendingTtlMs: PENDING_TTL_MS,
  timestampPastMs: TIMESTAMP_PAST_MS,
  timestampFutureMs: TIMESTAMP_FUTURE_MS,
};

/**
 * The replay cache's key for a client nonce (A0.2): its first 12 bytes as a 12-character string, half the
 * memory per entry of a 43-character base64url key. Nonces are 32 random bytes, so two honest clients share
 * a key with probability 2^-96; a client that picks colliding nonces only gets its own A0 refused.
 */
export const nonceKey = (nonce: Buffer): string => nonce.toString('latin1', 0, 12);

/** An anonymous channel waiting for its one A1. */
export interface PendingChannel {
  readonly keys: Pick<ChannelKeys, 'clientToServer' | 'serverToClient'>;
  /** H_a0: the transcript through the repository's A0 signature. */
  readonly transcript: Transcript;
}

/** A session answered at A2, waiting for the client's finished MAC. */
export interface PendingSession {
  /** The channel this session was negotiated on (correlates server events of one run). */
  readonly channelId: string;
  readonly organization: string;
  readonly username: string;
  readonly keys: Pick<SessionKeys, 'clientToServer' | 'serverToClient' | 'finished'>;
  readonly clientFinished: Buffer;
  /** H_a3: the transcript through the client's finished MAC (the server's finished covers it). */
  readonly afterA3: Transcript;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** The responder's bounded state: pending channels, the nonce replay cache, pending sessions. */
export interface ResponderState {
  readonly limits: ResponderLimits;
  readonly channels: BoundedTtlMap<PendingChannel>;
  readonly nonces: NonceCache;
  readonly pendingSessions: BoundedTtlMap<PendingSession>;
}

/**
 * Copies small buffers into one unpooled allocation and returns views of it in order: a pending entry then
 * holds one ~100-byte buffer instead of several views keeping 8 KiB pool slabs alive.
 */
export function packBuffers(...parts: readonly Uint8Array[]): Buffer[] {
  const packed = Buffer.allocUnsafeSlow(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  return parts.map((part) => {
    packed.set(part, offset);
    offset += part.length;
    return packed.subarray(offset - part.length, offset);
  });
}

/** Creates empty state with the given limits (defaults: {@link DEFAULT_RESPONDER_LIMITS}). */
export function createResponderState(limits: Partial<ResponderLimits> = {}, clock: () => number = Date.now): ResponderState {
  const all = {...DEFAULT_RESPONDER_LIMITS, ...limits};
  return {
    limits: all,
    channels: new BoundedTtlMap(all.maxChannels, clock),
    nonces: new NonceCache(all.maxNonces, all.timestampPastMs, clock),
    pendingSessions: new BoundedTtlMap(all.maxPendingSessions, clock),
  };
}
