import {createPublicKey, type KeyObject} from 'node:crypto';
import {refusal} from '../../src/cli/commands/create-org.js';
import {CliError, ExitCode} from '../../src/cli/errors.js';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {exportSpki} from '../../src/crypto/p256.js';
import {systemRng} from '../../src/crypto/random.js';
import {HandshakeError} from '../../src/protocol/errors.js';
import {createClassicOrganization} from '../../src/protocol/classic/anonymous-client.js';
import {encodeWirePublicKey} from '../../src/protocol/classic/keys.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import type {RepositoryTarget} from '../../src/cli/repository.js';
import type {Suite} from '../suites.js';

/** What registering a new organization sends: its name and first subject, with the subject's unlocked key. */
export interface NewOrganization {
  readonly organization: string;
  readonly username: string;
  readonly fullName: string;
  readonly email: string;
  readonly subjectKey: KeyObject;
}

/**
 * Registers the organization through the chosen suite's route, as `rep-create-org [--suite classic]` does:
 * v2 `POST /v2/organizations` with the P-256 SPKI (base64url); classic the reference's anonymous two-phase
 * `POST /organizations` with the P-521 key as base64 of its PEM, under the pinned classic repository key.
 * Throws with one sentence on a refusal.
 */
export async function registerOrganization(target: RepositoryTarget, suite: Suite, input: NewOrganization): Promise<void> {
  const publicKey = createPublicKey(input.subjectKey);
  if (suite === 'classic') {
    try {
      await createClassicOrganization(target.transport, {repositoryKey: target.pinnedKey, rng: systemRng}, {
        organization: input.organization, username: input.username, name: input.fullName, email: input.email, publicKey: encodeWirePublicKey(publicKey),
      });
    } catch (error) {
      // The anonymous exchange's errors carry a stage; for a registration, say what it was instead.
      if (error instanceof HandshakeError) throw new CliError(ExitCode.Refused, error.code, `registering ${input.organization} over the classic route failed: ${error.message}`);
      throw error;
    }
    return;
  }
  const body = {organization: input.organization, username: input.username, full_name: input.fullName, email: input.email, public_key: toBase64Url(exportSpki(publicKey))};
  const response = await target.transport.request('POST', V2Path.Organizations, body);
  if (response.status !== 201) throw refusal(response.status, response.body);
}
