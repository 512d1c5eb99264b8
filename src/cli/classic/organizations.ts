import {readFileSync} from 'node:fs';
import {importP521PublicKey} from '../../crypto/p521.js';
import {systemRng} from '../../crypto/random.js';
import {createClassicOrganization, listClassicOrganizations} from '../../protocol/classic/anonymous-client.js';
import {encodeWirePublicKey} from '../../protocol/classic/keys.js';
import type {ParsedArgs} from '../args.js';
import {withRepository, type CommandDeps} from '../commands/deps.js';
import {CliError, ExitCode} from '../errors.js';
import {line, printJson, type CliIo} from '../io.js';

/**
 * `rep-create-org --suite classic`: the reference's `rep_create_org` (README §2) — the P-521 public key is
 * re-serialized as SPKI PEM and sent through the anonymous channel (POST /organizations, two phases).
 */
export async function classicCreateOrg(args: ParsedArgs, io: CliIo, deps: CommandDeps): Promise<void> {
  const [organization, username, name, email, publicKeyFile] = args.positionals;
  let pem: string;
  try {
    pem = readFileSync(publicKeyFile, 'utf8');
  } catch {
    throw new CliError(ExitCode.LocalInput, 'public_key_unreadable', `cannot read the public key file ${publicKeyFile}: check the path.`);
  }
  let publicKey: string;
  try {
    publicKey = encodeWirePublicKey(importP521PublicKey(pem));
  } catch (error) {
    throw new CliError(ExitCode.LocalInput, 'public_key_invalid', `${publicKeyFile} is not a P-521 public key: ${(error as Error).message}.`);
  }
  const message = await withRepository(deps, io.env, (target) =>
    createClassicOrganization(target.transport, {repositoryKey: target.pinnedKey, rng: systemRng}, {organization, username, name, email, publicKey}), {suite: 'classic'});
  if (args.json) return printJson(io, {organization, username, message});
  line(io.stdout, message);
}

/** `rep-list-orgs --suite classic`: the reference's `rep_list_orgs` (GET /organizations, two phases, JSON bodies). */
export async function classicListOrgs(args: ParsedArgs, io: CliIo, deps: CommandDeps): Promise<void> {
  const names = await withRepository(deps, io.env, (target) => listClassicOrganizations(target.transport, {repositoryKey: target.pinnedKey, rng: systemRng}), {suite: 'classic'});
  if (args.json) return printJson(io, {organizations: names.map((name) => ({name}))});
  if (names.length === 0) return line(io.stdout, 'No organizations yet: create one with rep-create-org --suite classic.');
  for (const name of names) line(io.stdout, name);
}
