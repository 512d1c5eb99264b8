import {readFileSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {createHttpTransport, type JsonTransport} from '../../src/client/transport.js';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {nodeDerSigner} from '../../src/crypto/ecdsa-der.js';
import {nodeSigner} from '../../src/crypto/ecdsa.js';
import {sha256} from '../../src/crypto/hash.js';
import {exportSpki, importP256PublicKey} from '../../src/crypto/p256.js';
import {generateP521KeyPair, importP521PublicKey} from '../../src/crypto/p521.js';
import {generateP256KeyPair, importPrivateKeyPem} from '../../src/crypto/private-keys.js';
import {systemRng} from '../../src/crypto/random.js';
import {repPaths} from '../../src/paths.js';
import {createClassicOrganization} from '../../src/protocol/classic/anonymous-client.js';
import type {ClassicChannelConfig, ClassicInitiatorConfig, ClassicOutcome} from '../../src/protocol/classic/initiator.js';
import {encodeWirePublicKey} from '../../src/protocol/classic/keys.js';
import {storedFromSessionFile} from '../../src/protocol/classic/session-file.js';
import type {InitiatorConfig} from '../../src/protocol/v2/initiator.js';
import type {StoredSession} from '../../src/store/session-record.js';
import {SessionStoreError, type SessionStore} from '../../src/store/session-store.js';
import {DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERNAME, demoCredentialFiles} from '../../server/seed.js';

/** What a client of one running repository needs: its URL, transports and the pinned keys from REP_HOME. */
export interface Target {
  readonly url: string;
  /** v2 answers (JSON content types only). */
  readonly transport: JsonTransport;
  /** Classic answers (the reference's `text/html` JSON too). */
  readonly classicTransport: JsonTransport;
  /** The demo subject acme/alice. */
  readonly alice: Omit<InitiatorConfig, 'record'>;
  /** The pinned classic repository key. */
  readonly classicChannel: ClassicChannelConfig;
  /** The v2 repository key fingerprint (hex). */
  readonly fingerprint: string;
  close(): void;
}

/** Reads the pinned keys and the demo credentials from REP_HOME (written by the server's first start). */
export function openTarget(home: string, url: string, options: {timeoutMs?: number} = {}): Target {
  const paths = repPaths({REP_HOME: home});
  const repositoryKey = importP256PublicKey(readFileSync(paths.repositoryPublicKey, 'utf8'));
  const subject = importPrivateKeyPem(readFileSync(demoCredentialFiles(paths).privateKey, 'utf8'), DEMO_PASSWORD);
  const audience = sha256(exportSpki(repositoryKey));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transport = createHttpTransport({baseUrl: url, timeoutMs});
  const classicTransport = createHttpTransport({baseUrl: url, timeoutMs, anyContentType: true});
  return {
    url, transport, classicTransport, fingerprint: audience.toString('hex'),
    alice: {repositoryKey, audience, subject: nodeSigner(subject), organization: DEMO_ORGANIZATION, username: DEMO_USERNAME, rng: systemRng, clock: Date.now},
    classicChannel: {repositoryKey: importP521PublicKey(readFileSync(paths.classicRepositoryPublicKey, 'utf8')), rng: systemRng},
    close() {
      transport.close();
      classicTransport.close();
    },
  };
}

/** The same target reached at another URL (a restarted server on the same REP_HOME). */
export function retarget(target: Target, url: string, options: {timeoutMs?: number} = {}): Target {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transport = createHttpTransport({baseUrl: url, timeoutMs});
  const classicTransport = createHttpTransport({baseUrl: url, timeoutMs, anyContentType: true});
  return {
    ...target, url, transport, classicTransport,
    close() {
      transport.close();
      classicTransport.close();
    },
  };
}

/** A short unique name (organization or username). */
export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

/** Creates a v2 organization with a new P-256 subject; resolves with the subject's config once the server answered 201. */
export async function createV2Subject(target: Target, organization = uniqueName('org'), username = uniqueName('user')): Promise<Omit<InitiatorConfig, 'record'>> {
  const {privateKey} = generateP256KeyPair();
  const answer = await target.transport.request('POST', '/v2/organizations', {
    organization, username, full_name: `${username} name`, email: `${username}@${organization}.example`, public_key: toBase64Url(exportSpki(privateKey)),
  });
  if (answer.status !== 201) throw new Error(`POST /v2/organizations answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return {...target.alice, subject: nodeSigner(privateKey), organization, username};
}

/** Creates a classic organization (POST /organizations, both phases) with a new P-521 subject. */
export async function createClassicSubject(target: Target, organization = uniqueName('corg'), username = uniqueName('cuser')): Promise<Omit<ClassicInitiatorConfig, 'record'>> {
  const {privateKey} = generateP521KeyPair();
  await createClassicOrganization(target.classicTransport, target.classicChannel, {
    organization, username, name: `${username} name`, email: `${username}@${organization}.example`, publicKey: encodeWirePublicKey(privateKey),
  });
  return {...target.classicChannel, subject: nodeDerSigner(privateKey), organization, username};
}

/** The stored form of a classic handshake outcome (as `rep-create-session --suite classic` stores it). */
export function storedClassicSession(outcome: ClassicOutcome, target: Target): StoredSession {
  return storedFromSessionFile({
    session_key: outcome.sessionKey.toString('base64'), session_id: outcome.sessionId, username: outcome.username,
    organization: outcome.organization, roles: [...outcome.roles], nonce: outcome.nonce, counter: 0,
  }, {url: target.url, fingerprint: target.fingerprint}, Date.now());
}

/** A session store in memory (the real client functions take a store to reserve sequence numbers). */
export function memorySessionStore(): SessionStore & {readonly size: number} {
  const sessions = new Map<string, StoredSession>();
  return {
    path: ':memory:',
    get size() {
      return sessions.size;
    },
    list: async () => [...sessions.values()],
    get: async (id) => sessions.get(id),
    save: async (session) => void sessions.set(session.id, session),
    async update(id, change) {
      const current = sessions.get(id);
      if (!current) throw new SessionStoreError('not_found', `no session ${id}`);
      const next = change(current);
      sessions.set(id, next);
      return next;
    },
    delete: async (id) => sessions.delete(id),
  };
}
