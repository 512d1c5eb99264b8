import type {StoredSession} from '../../store/session-record.js';

/** A stored session without its key material (what listings and `--json` show by default). */
export function sessionSummary(session: StoredSession, now = Date.now()) {
  return {
    id: session.id,
    suite: session.suite,
    organization: session.organization,
    username: session.username,
    server_url: session.serverUrl,
    repository_key_fingerprint: session.repositoryKeyFingerprint,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
    expired: Date.parse(session.expiresAt) <= now,
    next_sequence: session.nextSequence,
  };
}
