import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {nodeSigner} from '../../src/crypto/ecdsa.js';
import {sha256} from '../../src/crypto/hash.js';
import {exportSpki, importP256PublicKey} from '../../src/crypto/p256.js';
import {importPrivateKeyPem} from '../../src/crypto/private-keys.js';
import {systemRng} from '../../src/crypto/random.js';
import {createHttpTransport, type JsonTransport} from '../../src/client/transport.js';
import {repPaths, type RepPaths} from '../../src/paths.js';
import type {InitiatorConfig} from '../../src/protocol/v2/initiator.js';
import {startRepositoryServer, type RunningRepositoryServer} from '../../server/listen.js';
import {DEMO_PASSWORD, demoCredentialFiles} from '../../server/seed.js';

/** A bundled server on 127.0.0.1:0 in a temporary REP_HOME, with a client config for the demo subject. */
export interface TestRepository {
  readonly home: string;
  readonly paths: RepPaths;
  readonly server: RunningRepositoryServer;
  readonly transport: JsonTransport;
  /** Initiator config for acme/alice with the pinned key read from REP_HOME. */
  readonly alice: Omit<InitiatorConfig, 'record'>;
  close(): Promise<void>;
}

/** Starts a real bundled repository server for a test. */
export async function startTestRepository(): Promise<TestRepository> {
  const home = mkdtempSync(join(tmpdir(), 'rep-test-'));
  const paths = repPaths({REP_HOME: home});
  const server = await startRepositoryServer({paths});
  const transport = createHttpTransport({baseUrl: server.url, timeoutMs: 5000});
  const repositoryKey = importP256PublicKey(readFileSync(paths.repositoryPublicKey, 'utf8'));
  const subject = importPrivateKeyPem(readFileSync(demoCredentialFiles(paths).privateKey, 'utf8'), DEMO_PASSWORD);
  return {
    home, paths, server, transport,
    alice: {
      repositoryKey, audience: sha256(exportSpki(repositoryKey)), subject: nodeSigner(subject),
      organization: 'acme', username: 'alice', rng: systemRng, clock: Date.now,
    },
    async close() {
      transport.close();
      await server.close();
      rmSync(home, {recursive: true, force: true});
    },
  };
}
