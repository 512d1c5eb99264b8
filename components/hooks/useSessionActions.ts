import {useEffect, useMemo, useRef, type Dispatch} from 'react';
import {classicSessionRoles} from '../../src/client/classic-session.js';
import {whoami} from '../../src/client/v2-session.js';
import {describeError} from '../../src/cli/errors.js';
import type {StoredSession} from '../../src/store/session-record.js';
import type {AppDeps} from '../deps.js';
import {noSuiteSentence, suiteTarget} from '../suites.js';
import {defaultExportPath, exportTargetExists, resolveExportPath, writeSessionFile} from '../sessions/session-file.js';
import {shortDate} from '../sessions/format.js';
import type {Notice, SessionsAction} from './sessions-reducer.js';

/** What the browser can do to a session; outcomes arrive as `notice` actions. */
export interface SessionActions {
  /** v2: an authenticated whoami over the session; classic: the reference's session-roles request (when it belongs to this app's repository). */
  verify(session: StoredSession): void;
  /** Removes the session from the store (after the y/n confirmation). */
  remove(session: StoredSession): void;
  /** Opens the export path field with the default path. */
  startExport(session: StoredSession): void;
  /** Writes the session file; asks before replacing an existing file unless `overwrite`. */
  exportTo(session: StoredSession, typedPath: string, overwrite?: boolean): void;
}

const label = (s: StoredSession) => `${s.id.slice(0, 8)}… (${s.organization}/${s.username})`;

/** The one sentence shown when a session was issued by another repository than the one this app pins. */
export function otherRepositorySentence(session: StoredSession, fingerprint: string): string {
  return `This session belongs to the repository with key ${session.repositoryKeyFingerprint.slice(0, 16)}…, but this app pins ` +
    `${fingerprint.slice(0, 16)}…: start rep with REP_ADDRESS and REP_PUB_KEY pointing at ${session.serverUrl} to verify it.`;
}

/** The browser's actions over the injected repository and store; `reload` refreshes the list afterwards. */
export function useSessionActions(deps: AppDeps, dispatch: Dispatch<SessionsAction>, reload: () => void): SessionActions {
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const {store, cwd} = deps;

  return useMemo(() => {
    const notify = (notice: Notice) => live.current && dispatch({type: 'notice', notice});
    const failed = (id: string) => (error: unknown) => {
      notify({id, tone: 'error', text: describeError(error).message});
      if (live.current) reload();
    };
    return {
      verify(session) {
        const repository = suiteTarget(deps, session.suite);
        if (!repository) {
          notify({id: session.id, tone: 'error', text: noSuiteSentence(deps, session.suite)});
          return;
        }
        if (session.repositoryKeyFingerprint !== repository.fingerprint) {
          notify({id: session.id, tone: 'error', text: otherRepositorySentence(session, repository.fingerprint)});
          return;
        }
        const done = () => live.current && reload();
        if (session.suite === 'classic') {
          notify({id: session.id, tone: 'running', text: `Verifying ${label(session)}: the session-roles request (counter ${session.nextSequence})…`});
          classicSessionRoles(repository.transport, store, session.id).then((answer) => {
            notify({id: session.id, tone: 'success', text: `Verified by the repository (session-roles): ${session.organization}/${session.username}, ` +
              `roles: ${answer.roles.length === 0 ? 'none' : answer.roles.join(', ')}, counter ${answer.counter}, expires ${shortDate(answer.session.expiresAt)}.`});
            done();
          }, failed(session.id));
          return;
        }
        notify({id: session.id, tone: 'running', text: `Verifying ${label(session)}: whoami over the session…`});
        whoami(repository.transport, store, session.id).then((answer) => {
          notify({id: session.id, tone: 'success',
            text: `Verified by the repository: ${answer.organization}/${answer.username}, expires ${shortDate(new Date(answer.expires_at).toISOString())}.`});
          done();
        }, failed(session.id));
      },
      remove(session) {
        dispatch({type: 'cancel'});
        store.delete(session.id).then((deleted) => {
          notify({id: session.id, tone: deleted ? 'success' : 'error',
            text: deleted ? `Deleted session ${label(session)}.` : `Session ${label(session)} was already gone.`});
          if (live.current) reload();
        }, failed(session.id));
      },
      startExport(session) {
        dispatch({type: 'export-start', id: session.id, path: defaultExportPath(cwd, session)});
      },
      exportTo(session, typedPath, overwrite = false) {
        if (typedPath.trim() === '') return;
        const path = resolveExportPath(typedPath, cwd);
        if (!overwrite && exportTargetExists(path)) {
          dispatch({type: 'ask', confirm: {kind: 'overwrite', id: session.id, path}});
          return;
        }
        dispatch({type: 'cancel'});
        try {
          writeSessionFile(path, session, overwrite);
          notify({id: session.id, tone: 'success', text: `Exported to ${path} (mode 0600: it holds the session keys).`});
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EEXIST') dispatch({type: 'ask', confirm: {kind: 'overwrite', id: session.id, path}});
          else notify({id: session.id, tone: 'error', text: `Cannot write ${path}: ${code === 'ENOENT' ? 'no such folder' : (error as Error).message}.`});
        }
      },
    };
  }, [deps, store, cwd, dispatch, reload]);
}
