import {parseCommandArgs} from '../args.js';
import {writeCredentials} from '../credentials.js';
import {line, printJson, runCommand, type CliIo} from '../io.js';
import type {ExitCode} from '../errors.js';

export const SUBJECT_CREDENTIALS_USAGE = `usage: rep-subject-credentials <password> <credentials-file> [--suite v2|classic] [--force] [--json]
  Makes a new P-256 key pair (P-521 with --suite classic): <credentials-file> gets the private key (encrypted
  PKCS#8 PEM, mode 0600), <credentials-file minus .pem>.pub.pem the public key. Existing files are kept
  unless --force.`;

/** `rep-subject-credentials <password> <credentials-file>`: new subject credentials (no network). */
export async function subjectCredentialsCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const json = argv.includes('--json');
  return runCommand(io, json, SUBJECT_CREDENTIALS_USAGE, async () => {
    const args = parseCommandArgs(argv, [2], {force: {type: 'boolean'}});
    if (args.help) return line(io.stdout, SUBJECT_CREDENTIALS_USAGE);
    const [password, file] = args.positionals;
    const written = writeCredentials(file, password, args.flags.force === true, args.suite);
    if (args.json) return printJson(io, {private_key_file: file, public_key_file: written.publicKeyFile, fingerprint: written.fingerprint});
    line(io.stdout, `Credentials written: ${file} (private key, encrypted) and ${written.publicKeyFile} (public key).`);
    line(io.stdout, `Public key fingerprint (SHA-256 of SPKI): ${written.fingerprint}`);
  });
}
