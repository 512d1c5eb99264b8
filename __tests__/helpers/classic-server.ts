// A bundled server serving both suites on 127.0.0.1:0, with what a classic client needs (not a test file).
import type {KeyObject} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createHttpTransport, type JsonTransport} from '../../src/client/transport.js';
import {nodeDerSigner} from '../../src/crypto/ecdsa-der.js';
import {generateP521KeyPair, importP521PublicKey} from '../../src/crypto/p521.js';
import {systemRng} from '../../src/crypto/random.js';
import {createClassicOrganization} from '../../src/protocol/classic/anonymous-client.js';
import type {ClassicChannelConfig, ClassicInitiatorConfig} from '../../src/protocol/classic/initiator.js';
import {encodeWirePublicKey} from '../../src/protocol/classic/keys.js';
import {repPaths, type RepPaths} from '../../src/paths.js';
import {createServerContext, type ServerContextOptions} from '../../server/context-factory.js';
import {startRepositoryServer, type RunningRepositoryServer} from '../../server/listen.js';

/** A classic subject: its P-521 key pair and the handshake config for it. */
export interface ClassicSubject {
  readonly privateKey: KeyObject;
  readonly publicKeyWire: string;
  config(organization: string, username: string): Omit<ClassicInitiatorConfig, 'record'>;
}

/** A running bundled server and a classic client's view of it. */
export interface ClassicTestRepository {
  readonly home: string;
  readonly paths: RepPaths;
  readonly server: RunningRepositoryServer;
  /** A transport that accepts the reference's `text/html` JSON answers. */
  readonly transport: JsonTransport;
  /** The pinned classic repository key, read from REP_HOME. */
  readonly repositoryKey: KeyObject;
  readonly channel: ClassicChannelConfig;
  newSubject(): ClassicSubject;
  /** Creates an organization whose first subject is a new P-521 subject (through the classic routes). */
  createOrganization(organization: string, username: string): Promise<ClassicSubject>;
  close(): Promise<void>;
}

/** Starts a real server (both suites unless `options.suites` says otherwise) in a temporary REP_HOME. */
export async function startClassicTestRepository(options: Omit<ServerContextOptions, 'paths'> = {}): Promise<ClassicTestRepository> {
  const home = mkdtempSync(join(tmpdir(), 'rep-classic-'));
  const paths = repPaths({REP_HOME: home});
  const server = await startRepositoryServer({paths, context: createServerContext({paths, ...options})});
  const transport = createHttpTransport({baseUrl: server.url, timeoutMs: 5000, anyContentType: true});
  const repositoryKey = options.classicKey ? server.context.classic!.repository.publicKey : importP521PublicKey(readFileSync(paths.classicRepositoryPublicKey, 'utf8'));
  const channel = {repositoryKey, rng: systemRng};
  const newSubject = (): ClassicSubject => {
    const {privateKey} = generateP521KeyPair();
    return {
      privateKey, publicKeyWire: encodeWirePublicKey(privateKey),
      config: (organization, username) => ({...channel, subject: nodeDerSigner(privateKey), organization, username}),
    };
  };
  return {
    home, paths, server, transport, repositoryKey, channel, newSubject,
    async createOrganization(organization, username) {
      const subject = newSubject();
      await createClassicOrganization(transport, channel, {organization, username, name: `${username} name`, email: `${username}@${organization}.example`, publicKey: subject.publicKeyWire});
      return subject;
    },
    async close() {
      transport.close();
      await server.close();
      rmSync(home, {recursive: true, force: true});
    },
  };
}
