import type {FastifyInstance} from 'fastify';
import type {ServerContext} from '../context.js';

/** Registers the v2 handshake and session-request routes (written by the protocol owner). */
export async function registerHandshakeV2Routes(app: FastifyInstance, context: ServerContext): Promise<void> {
  void app;
  void context;
}
