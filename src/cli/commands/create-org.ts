import {readFileSync} from 'node:fs';
import {toBase64Url} from '../../crypto/bytes.js';
import {exportSpki, importP256PublicKey} from '../../crypto/p256.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {parseCommandArgs} from '../args.js';
import {CliError, ExitCode} from '../errors.js';
import {line, printJson, runCommand, type CliIo} from '../io.js';
import {withRepository, type CommandDeps} from './deps.js';
import {classicCreateOrg} from '../classic/organizations.js';

export const CREATE_ORG_USAGE = `usage: rep-create-org <organization> <username> <name> <email> <public-key-file> [--suite v2|classic] [--json]
  Creates an organization whose first subject is <username>, with the P-256 public key in <public-key-file>
  (--suite classic: a P-521 key, through the reference's anonymous POST /organizations).`;

/** `rep-create-org <organization> <username> <name> <email> <public-key-file>` (POST /v2/organizations). */
export async function createOrgCommand(argv: readonly string[], io: CliIo, deps: CommandDeps): Promise<ExitCode> {
  return runCommand(io, argv.includes('--json'), CREATE_ORG_USAGE, async () => {
    const args = parseCommandArgs(argv, [5]);
    if (args.help) return line(io.stdout, CREATE_ORG_USAGE);
    if (args.suite === 'classic') return classicCreateOrg(args, io, deps);
    const [organization, username, fullName, email, publicKeyFile] = args.positionals;
    let pem: string;
    try {
      pem = readFileSync(publicKeyFile, 'utf8');
    } catch {
      throw new CliError(ExitCode.LocalInput, 'public_key_unreadable', `cannot read the public key file ${publicKeyFile}: check the path.`);
    }
    let spki: Buffer;
    try {
      spki = exportSpki(importP256PublicKey(pem));
    } catch (error) {
      throw new CliError(ExitCode.LocalInput, 'public_key_invalid', `${publicKeyFile} is not a P-256 public key: ${(error as Error).message}.`);
    }
    await withRepository(deps, io.env, async (target) => {
      const body = {organization, username, full_name: fullName, email, public_key: toBase64Url(spki)};
      const response = await target.transport.request('POST', V2Path.Organizations, body);
      if (response.status !== 201) throw refusal(response.status, response.body);
    });
    if (args.json) return printJson(io, {organization, username});
    line(io.stdout, `Organization '${organization}' created with subject '${username}'.`);
  });
}

/** One sentence for a refused repository request (`{"error", "message"}` answers). */
export function refusal(status: number, body: unknown): CliError {
  const {error, message} = (body ?? {}) as {error?: string; message?: string};
  const exit = status >= 500 ? ExitCode.Network : ExitCode.Refused;
  return new CliError(exit, error ?? `http_${status}`, `the repository refused (HTTP ${status}${error ? `, ${error}` : ''}): ${message ?? 'no message'}.`);
}
