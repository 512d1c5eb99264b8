import {useEffect, useState} from 'react';
import {V2Path} from '../../src/protocol/v2/constants.js';
import type {JsonTransport} from '../../src/client/transport.js';

/** An organization as GET /v2/organizations lists it. */
export interface OrganizationView {
  readonly name: string;
  readonly subjects: ReadonlyArray<{readonly username: string; readonly status: string}>;
}

export type OrganizationsState =
  | {readonly status: 'loading'}
  | {readonly status: 'error'; readonly message: string}
  | {readonly status: 'ready'; readonly organizations: readonly OrganizationView[]};

/** Fetches the repository's organizations once (again when `reload` changes). */
export function useOrganizations(transport: JsonTransport, reload = 0): OrganizationsState {
  const [state, setState] = useState<OrganizationsState>({status: 'loading'});
  useEffect(() => {
    let live = true;
    setState({status: 'loading'});
    transport.request('GET', V2Path.Organizations).then(
      (response) => {
        if (!live) return;
        if (response.status !== 200) setState({status: 'error', message: `the repository answered HTTP ${response.status}`});
        else setState({status: 'ready', organizations: (response.body as {organizations: OrganizationView[]}).organizations});
      },
      (error: Error) => live && setState({status: 'error', message: error.message}),
    );
    return () => {
      live = false;
    };
  }, [transport, reload]);
  return state;
}
