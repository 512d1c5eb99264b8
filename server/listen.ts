import type {FastifyInstance} from 'fastify';
import type {RepPaths} from '../src/paths.js';
import {buildServer} from './app.js';
import type {ServerContext} from './context.js';
import {createServerContext} from './context-factory.js';

/** Options of {@link startRepositoryServer}. */
export interface StartRepositoryServerOptions {
  readonly paths: RepPaths;
  /** Interface to bind (default 127.0.0.1: the bundled server is local). */
  readonly host?: string;
  /** Port (default 0: the system picks a free one). */
  readonly port?: number;
  /** A ready context (default: built from `paths` with {@link createServerContext}). */
  readonly context?: ServerContext;
  /** Log every request (default false: unexpected errors only). */
  readonly logger?: boolean;
}

/** A listening repository server. */
export interface RunningRepositoryServer {
  /** Base URL, e.g. `http://127.0.0.1:43117`. */
  readonly url: string;
  /** Fingerprint of the repository key (what clients pin). */
  readonly fingerprint: string;
  readonly context: ServerContext;
  readonly app: FastifyInstance;
  /** Stops accepting requests, waits for the app to close, then closes the database. */
  close(): Promise<void>;
}

/** Formats `host:port` for a URL (IPv6 addresses in brackets). */
export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Builds the app on a (given or new) context and listens on `host:port`; the answer carries the real
 * URL (with the port the system chose when `port` is 0). If listening fails the database is closed.
 */
export async function startRepositoryServer(options: StartRepositoryServerOptions): Promise<RunningRepositoryServer> {
  const host = options.host ?? '127.0.0.1';
  const context = options.context ?? createServerContext({paths: options.paths});
  let app: FastifyInstance | undefined;
  try {
    app = await buildServer(context, {logger: options.logger});
    await app.listen({host, port: options.port ?? 0});
  } catch (error) {
    await app?.close();
    context.db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const running = app;
  let closing: Promise<void> | undefined;
  return {
    url: formatUrl(host, port),
    fingerprint: context.repository.fingerprint,
    context,
    app: running,
    close() {
      closing ??= running.close().then(() => context.db.close());
      return closing;
    },
  };
}
