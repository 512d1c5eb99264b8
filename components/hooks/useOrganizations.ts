import {useEffect, useState} from 'react';
import type {RepositoryTarget} from '../../src/cli/repository.js';
import {systemRng} from '../../src/crypto/random.js';
import {listClassicOrganizations} from '../../src/protocol/classic/anonymous-client.js';
import {V2Path} from '../../src/protocol/v2/constants.js';

/** An organization as GET /v2/organizations lists it (the classic list has names only: no subjects). */
export interface OrganizationView {
  readonly name: string;
  readonly subjects: ReadonlyArray<{readonly username: string; readonly status: string}>;
}

export type OrganizationsState =
  | {readonly status: 'loading'}
  | {readonly status: 'error'; readonly message: string}
  | {readonly status: 'ready'; readonly organizations: readonly OrganizationView[]};

/**
 * The organizations over the repository's own suite: GET /v2/organizations for a v2 target; for a classic
 * one (a classic-only repository) the reference's GET /organizations over its anonymous channel, verified
 * against the pinned classic key.
 */
async function fetchOrganizations(repository: RepositoryTarget): Promise<readonly OrganizationView[]> {
  if (repository.suite === 'classic') {
    const names = await listClassicOrganizations(repository.transport, {repositoryKey: repository.pinnedKey, rng: systemRng});
    return names.map((name) => ({name, subjects: []}));
  }
  const response = await repository.transport.request('GET', V2Path.Organizations);
  if (response.status === 404) {
    throw new Error('the repository answered HTTP 404 to GET /v2/organizations: it may not serve v2. For a classic-only (reference) repository, set REP_PUB_KEY to its P-521 key.');
  }
  if (response.status !== 200) throw new Error(`the repository answered HTTP ${response.status}`);
  return (response.body as {organizations: OrganizationView[]}).organizations;
}

/** Fetches the repository's organizations once (again when `reload` changes). */
export function useOrganizations(repository: RepositoryTarget, reload = 0): OrganizationsState {
  const [state, setState] = useState<OrganizationsState>({status: 'loading'});
  useEffect(() => {
    let live = true;
    setState({status: 'loading'});
    fetchOrganizations(repository).then(
      (organizations) => live && setState({status: 'ready', organizations}),
      (error: Error) => live && setState({status: 'error', message: error.message}),
    );
    return () => {
      live = false;
    };
  }, [repository, reload]);
  return state;
}
