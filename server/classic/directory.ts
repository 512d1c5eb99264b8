import type {KeyObject} from 'node:crypto';
import {utf8} from '../../src/crypto/bytes.js';
import {importP521PublicKey} from '../../src/crypto/p521.js';
import type {ClassicOrganizationDirectory} from '../../src/protocol/classic/organizations.js';
import type {ClassicDirectory} from '../../src/protocol/classic/responder-session.js';
import type {ServerContext} from '../context.js';
import {ServerError} from '../errors.js';

/** Associated data binding a wrapped classic session key to its row (organization, username, nonce). */
export function classicKeyBinding(row: {organization: string; username: string; nonce: string}): Buffer {
  return utf8(`rep classic session\u0000${row.organization}\u0000${row.username}\u0000${row.nonce}`);
}

/** The subject's key as a P-521 key object, or undefined for a v2 (P-256) subject; cached by SPKI bytes. */
function p521KeyCache(): (spki: Buffer) => KeyObject | undefined {
  const keys = new Map<string, KeyObject | undefined>();
  return (spki) => {
    const id = spki.toString('base64');
    if (!keys.has(id)) {
      if (keys.size >= 4096) keys.delete(keys.keys().next().value as string);
      let key: KeyObject | undefined;
      try {
        key = importP521PublicKey(spki);
      } catch {
        key = undefined;
      }
      keys.set(id, key);
    }
    return keys.get(id);
  };
}

/**
 * The classic responder's view of the repository database: subjects (P-521 keys only; a v2 subject's P-256
 * key never verifies a classic signature), the one-live-session rule, sessions with wrapped keys, and
 * organizations shared with v2 (one organization namespace on one server).
 */
export function classicDirectory(context: ServerContext, lifetimeMs: number): ClassicDirectory & ClassicOrganizationDirectory {
  const keyOf = p521KeyCache();
  const {db} = context;
  return {
    hasLiveSession(organization, username) {
      const latest = db.classic.latest(organization, username);
      return latest !== undefined && context.clock() - latest.lastInteraction <= lifetimeMs;
    },
    findSubject(organization, username) {
      const subject = db.findSubject(organization, username);
      return subject === undefined ? undefined : {publicKey: keyOf(subject.publicKeySpki), status: subject.status};
    },
    createSession({organization, username, sessionKey, nonce}) {
      const wrappedKey = context.keyWrapper.wrap(sessionKey, classicKeyBinding({organization, username, nonce}));
      return db.classic.insert({organization, username, wrappedKey, nonce, createdAt: context.clock()});
    },
    createOrganization(input) {
      try {
        db.createOrganization(input);
        return true;
      } catch (error) {
        if (error instanceof ServerError && error.code === 'organization_exists') return false;
        throw error;
      }
    },
    organizationNames: () => db.listOrganizations().map((organization) => organization.name),
  };
}
