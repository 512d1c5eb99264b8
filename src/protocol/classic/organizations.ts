import {canonicalP521Spki} from '../../crypto/p521.js';
import {HandshakeError} from '../errors.js';
import {ClassicMessage} from './constants.js';
import {objectField, stringField} from './fields.js';
import {decodeWirePublicKey} from './keys.js';
import type {ClassicAnswer} from './responder.js';

/** The plaintext of `rep_create_org` (README §2), in the reference's key order. */
export interface CreateOrganizationPlaintext {
  readonly organization: string;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  /** b64(PEM SPKI) of the first subject's P-521 key. */
  readonly public_key: string;
}

/** Organization storage as the classic routes need it (the server passes its database). */
export interface ClassicOrganizationDirectory {
  /** Creates the organization with its first subject; false when an organization of that name exists. */
  createOrganization(input: {name: string; username: string; fullName: string; email: string; publicKeySpki: Buffer}): boolean;
  organizationNames(): string[];
}

/** Longest accepted name, username, full name or e-mail (the reference has no limit). */
export const MAX_FIELD_LENGTH = 256;

/**
 * Answers `POST /organizations` phase 2 (README §2): creates the organization with its first subject and the
 * subject's P-521 key; 201 `{"data": "Organization '<org>' created successfully."}` (quoted without
 * escaping, as in the reference), or 400 `{"error"}` — for an existing organization the reference's own
 * (misleading) message. Never signed. A key that is not P-521 is refused here (the reference stores it and
 * fails later).
 */
export function answerCreateOrganization(directory: ClassicOrganizationDirectory, plaintext: unknown): ClassicAnswer {
  try {
    const what = 'the organization request';
    const body = objectField(plaintext, 'A2', what);
    const [organization, username, name, email, publicKey] = ['organization', 'username', 'name', 'email', 'public_key'].map((key) => stringField(body, key, 'A2', what));
    if ([organization, username].some((v) => v.length === 0) || [organization, username, name, email].some((v) => v.length > MAX_FIELD_LENGTH)) {
      return {status: 400, plaintext: {error: `The organization and username must be 1 to ${MAX_FIELD_LENGTH} characters (name and email at most ${MAX_FIELD_LENGTH}).`}};
    }
    let publicKeySpki: Buffer;
    try {
      publicKeySpki = canonicalP521Spki(decodeWirePublicKey(publicKey));
    } catch {
      return {status: 400, plaintext: {error: 'The public key is not a P-521 public key.'}};
    }
    if (!directory.createOrganization({name: organization, username, fullName: name, email, publicKeySpki})) {
      return {status: 400, plaintext: {error: ClassicMessage.subjectExists(username, email)}};
    }
    return {status: 201, plaintext: {data: ClassicMessage.organizationCreated(organization)}};
  } catch (error) {
    if (error instanceof HandshakeError) return {status: 400, plaintext: {error: error.message}};
    throw error;
  }
}

/** Answers `GET /organizations` phase 2 (README §2): 200 `{"data": [{"name": org}, …]}`, unsigned. */
export function answerListOrganizations(directory: ClassicOrganizationDirectory): ClassicAnswer {
  return {status: 200, plaintext: {data: directory.organizationNames().map((name) => ({name}))}};
}
