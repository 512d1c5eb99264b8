import {readFileSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {toStoredSession} from '../../src/client/v2-session.js';
import {nodeSigner} from '../../src/crypto/ecdsa.js';
import {importPrivateKeyPem} from '../../src/crypto/private-keys.js';
import {systemRng} from '../../src/crypto/random.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import type {StoredSession} from '../../src/store/session-record.js';
import {DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERNAME, demoCredentialFiles} from '../../server/seed.js';
import type {TestApp} from './app-deps.js';

/** A well-formed stored session record (random id and keys) for list, sort and filter tests. */
export function fakeSession(fields: Partial<StoredSession> = {}): StoredSession {
  return {
    id: randomBytes(16).toString('base64url'),
    suite: 'v2',
    organization: 'acme',
    username: 'alice',
    serverUrl: 'http://127.0.0.1:1',
    repositoryKeyFingerprint: 'ab'.repeat(32),
    createdAt: '2030-01-01T10:00:00.000Z',
    expiresAt: '2030-01-02T10:00:00.000Z',
    keys: {clientToServer: randomBytes(32).toString('base64url'), serverToClient: randomBytes(32).toString('base64url')},
    nextSequence: 1,
    ...fields,
  };
}

/** A real session for the demo subject: the v2 handshake against the test app's bundled server, stored in its store. */
export async function demoSession(app: TestApp): Promise<StoredSession> {
  const {repository, paths, store} = app.deps;
  const subject = importPrivateKeyPem(readFileSync(demoCredentialFiles(paths).privateKey, 'utf8'), DEMO_PASSWORD);
  const outcome = await runV2Handshake({transport: repository.transport}, {
    repositoryKey: repository.pinnedKey, audience: repository.audience, subject: nodeSigner(subject),
    organization: DEMO_ORGANIZATION, username: DEMO_USERNAME, rng: systemRng, clock: Date.now,
  });
  const session = toStoredSession(outcome, repository.url, repository.fingerprint, Date.now());
  await store.save(session);
  return session;
}
