import {join} from 'node:path';
import envPaths from 'env-paths';

/** Every file the project writes, under one folder (REP_HOME, or the OS config path conf uses for "rep"). */
export interface RepPaths {
  /** The root folder: REP_HOME when set, otherwise conf's default config folder for project "rep". */
  readonly home: string;
  /** Folder of the conf session store (its file is `<storeDir>/sessions.json`). */
  readonly storeDir: string;
  /** The bundled server's folder: database, master key, repository key pair. */
  readonly serverDir: string;
  /** SQLite database of the bundled server. */
  readonly database: string;
  /** 32-byte key (file mode 0600) that wraps server-side session keys and the repository private key. */
  readonly masterKey: string;
  /** The repository's private key, encrypted PKCS#8 PEM. */
  readonly repositoryPrivateKey: string;
  /** The repository's public key, SPKI PEM: what clients of the bundled server pin. */
  readonly repositoryPublicKey: string;
  /** The classic suite's repository private key (P-521), encrypted PKCS#8 PEM. */
  readonly classicRepositoryPrivateKey: string;
  /** The classic suite's repository public key, SPKI PEM: what classic clients of the bundled server pin. */
  readonly classicRepositoryPublicKey: string;
  /** Generated subject credentials (the seeded demo's among them). */
  readonly credentialsDir: string;
}

/** Resolves the project's paths from the environment (REP_HOME). */
export function repPaths(env: NodeJS.ProcessEnv = process.env): RepPaths {
  const home = env.REP_HOME && env.REP_HOME.trim() !== '' ? env.REP_HOME : envPaths('rep', {suffix: 'nodejs'}).config;
  const serverDir = join(home, 'server');
  return {
    home,
    storeDir: home,
    serverDir,
    database: join(serverDir, 'repository.db'),
    masterKey: join(serverDir, 'master.key'),
    repositoryPrivateKey: join(serverDir, 'repository-key.pem'),
    repositoryPublicKey: join(serverDir, 'repository-key.pub.pem'),
    classicRepositoryPrivateKey: join(serverDir, 'classic-repository-key.pem'),
    classicRepositoryPublicKey: join(serverDir, 'classic-repository-key.pub.pem'),
    credentialsDir: join(home, 'credentials'),
  };
}
