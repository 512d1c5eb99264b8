import type {RepositoryDb, SubjectStatus} from './context.js';
import {ServerError} from './errors.js';

/** A local administration command on the repository database. */
export type SubjectCommand = 'suspend' | 'activate';

const STATUS_OF: Readonly<Record<SubjectCommand, SubjectStatus>> = {suspend: 'suspended', activate: 'active'};

/**
 * Sets a subject's status in one organization (suspend → `suspended`, activate → `active`) and returns the
 * new status. Throws ServerError 404 `subject_not_found` when the subject is not in that organization.
 * Operates on the database directly: meant for the local `rep-server subject ...` command.
 */
export function changeSubjectStatus(
  db: RepositoryDb,
  command: SubjectCommand,
  organization: string,
  username: string,
): SubjectStatus {
  const status = STATUS_OF[command];
  if (!db.setSubjectStatus(organization, username, status)) {
    throw new ServerError(404, 'subject_not_found', `There is no subject "${username}" in organization "${organization}".`);
  }
  return status;
}

/** Suspends a subject in an organization (its signed requests are refused until it is activated again). */
export function suspendSubject(db: RepositoryDb, organization: string, username: string): void {
  changeSubjectStatus(db, 'suspend', organization, username);
}

/** Activates a (suspended) subject in an organization. */
export function activateSubject(db: RepositoryDb, organization: string, username: string): void {
  changeSubjectStatus(db, 'activate', organization, username);
}
