import {performance} from 'node:perf_hooks';
import {useEffect, useReducer} from 'react';
import type {HandshakeEvent} from '../../src/protocol/events.js';
import type {AppDeps} from '../deps.js';
import {failureSentence} from '../handshake/failure-sentence.js';
import {suiteTarget} from '../suites.js';
import type {SessionRequest} from './app-reducer.js';
import {runSessionHandshake} from './handshake-runners.js';
import {handshakeReducer, initialHandshakeState, type HandshakeAction, type HandshakeViewState} from './handshake-reducer.js';

/**
 * Runs one handshake of the request's suite (v2 or classic) when mounted (remount to run again): unlocks the
 * key, feeds the client's events and the in-process server's into the reducer, and stores the session at A3.7
 * only. If the view goes away before A3.7, the session is not stored.
 */
export function useHandshake(deps: AppDeps, request: SessionRequest): HandshakeViewState {
  const {store} = deps;
  const repository = suiteTarget(deps, request.suite);
  const [state, dispatch] = useReducer(handshakeReducer, undefined, () => initialHandshakeState(repository?.serverEvents !== undefined, request.suite));
  useEffect(() => {
    let active = true;
    const send = (action: HandshakeAction) => {
      if (active) dispatch(action);
    };
    if (!repository) {
      send({type: 'failed', sentence: `This app has no ${request.suite} repository: the ${request.suite} suite is not available here.`});
      return;
    }
    const onServer = (event: HandshakeEvent) => send({type: 'server', event});
    repository.serverEvents?.on('event', onServer);
    runSessionHandshake(repository, request, {
      emit: (event) => send({type: 'client', event, at: performance.now()}),
      save: async (session) => {
        if (!active) throw new Error('the screen was left before the end, so the session is not kept');
        await store.save(session);
        send({type: 'stored', session});
      },
    }).catch((error: unknown) => send({type: 'failed', sentence: failureSentence(error, request.suite)}));
    return () => {
      active = false;
      repository.serverEvents?.off('event', onServer);
    };
  }, [repository, store, request]);
  return state;
}
