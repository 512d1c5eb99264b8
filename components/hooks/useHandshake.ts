import {performance} from 'node:perf_hooks';
import {useEffect, useReducer} from 'react';
import {toStoredSession} from '../../src/client/v2-session.js';
import {loadSubjectKey} from '../../src/cli/credentials.js';
import {describeError} from '../../src/cli/errors.js';
import {nodeSigner} from '../../src/crypto/ecdsa.js';
import {systemRng} from '../../src/crypto/random.js';
import type {HandshakeEvent} from '../../src/protocol/events.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import type {AppDeps} from '../deps.js';
import type {SessionRequest} from './app-reducer.js';
import {handshakeReducer, initialHandshakeState, type HandshakeAction, type HandshakeViewState} from './handshake-reducer.js';

/**
 * Runs one v2 handshake for `request` when mounted (remount to run again): unlocks the key, feeds the
 * client's events and the in-process server's into the reducer, and stores the session at A3.7 only. If the
 * view goes away before A3.7, the session is not stored.
 */
export function useHandshake(deps: AppDeps, request: SessionRequest): HandshakeViewState {
  const {repository, store} = deps;
  const [state, dispatch] = useReducer(handshakeReducer, repository.serverEvents !== undefined, initialHandshakeState);
  useEffect(() => {
    let active = true;
    const send = (action: HandshakeAction) => {
      if (active) dispatch(action);
    };
    const onServer = (event: HandshakeEvent) => send({type: 'server', event});
    repository.serverEvents?.on('event', onServer);
    const run = async () => {
      // As rep-create-session: the key is unlocked before any network traffic.
      const subject = loadSubjectKey(request.credentialsFile, request.password);
      await runV2Handshake({
        transport: repository.transport,
        emit: (event) => send({type: 'client', event, at: performance.now()}),
        store: async (outcome) => {
          if (!active) throw new Error('the screen was left before the end, so the session is not kept');
          const session = toStoredSession(outcome, repository.url, repository.fingerprint, Date.now());
          await store.save(session);
          send({type: 'stored', session});
        },
      }, {
        repositoryKey: repository.pinnedKey, audience: repository.audience, subject: nodeSigner(subject),
        organization: request.organization, username: request.username, rng: systemRng, clock: Date.now,
      });
    };
    run().catch((error: unknown) => send({type: 'failed', sentence: describeError(error).message}));
    return () => {
      active = false;
      repository.serverEvents?.off('event', onServer);
    };
  }, [repository, store, request]);
  return state;
}
