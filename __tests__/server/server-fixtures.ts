// Shared helpers of the server tests (not a test file): temporary REP_HOME folders and subject keys.
import {mkdtempSync, rmSync} from 'node:fs';
import {request as httpRequestRaw, type IncomingHttpHeaders} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {repPaths, type RepPaths} from '../../src/paths.js';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {exportSpki} from '../../src/crypto/p256.js';
import {generateP256KeyPair} from '../../src/crypto/private-keys.js';

/** A temporary REP_HOME with the project's paths under it; `remove` deletes it. */
export interface TempHome {
  readonly home: string;
  readonly paths: RepPaths;
  remove(): void;
}

/** Creates a fresh temporary REP_HOME. */
export function makeTempHome(prefix = 'rep-server-test-'): TempHome {
  const home = mkdtempSync(join(tmpdir(), prefix));
  return {home, paths: repPaths({REP_HOME: home}), remove: () => rmSync(home, {recursive: true, force: true})};
}

/** A fresh P-256 subject key: DER SPKI and its unpadded base64url (the wire form of `public_key`). */
export function makeSubjectKey(): {spki: Buffer; publicKey: string} {
  const spki = exportSpki(generateP256KeyPair().privateKey);
  return {spki, publicKey: toBase64Url(spki)};
}

/** A valid body for `POST /v2/organizations`. */
export function organizationBody(organization: string, username = 'bob'): Record<string, string> {
  return {
    organization,
    username,
    full_name: 'Bob Example',
    email: `${username}@example.org`,
    public_key: makeSubjectKey().publicKey,
  };
}

/**
 * An explicit-parameters SPKI of a P-256 public key (generated with
 * `openssl ecparam -name prime256v1 -param_enc explicit`), base64url: must be refused (property 8).
 */
export const EXPLICIT_PARAMETERS_SPKI =
  'MIIBSzCCAQMGByqGSM49AgEwgfcCAQEwLAYHKoZIzj0BAQIhAP____8AAAABAAAAAAAAAAAAAAAA________________MFsEIP____8AAAABAAAAAAAAAAAAAAAA_______________8BCBaxjXYqjqT57PrvVV2mIa8ZR0GsMxTsPY7zjw-J9JgSwMVAMSdNgiG5wSTamZ44ROdJreBn36QBEEEaxfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpZP40Li_hp_m47n60p8D54WK84zV2sxXs7LtkBoN79R9QIhAP____8AAAAA__________-85vqtpxeehPO5ysL8YyVRAgEBA0IABGRtero5P8aks9O4ID-CybLR5deCsfju34mf4EkcFXda9P31kEdTHsQr8a99yY_4itNnPPqPyoVudmce2Kq9yPc';

/** An HTTP answer read completely. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * One HTTP request over a real socket with node:http (no keep-alive, exact headers: nothing is added,
 * so tests control the content type). `body` is sent as given.
 */
export function httpRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: {body?: string | Buffer; headers?: Record<string, string>} = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequestRaw(new URL(path, baseUrl), {method, headers: options.headers ?? {}, agent: false}, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({status: response.statusCode ?? 0, headers: response.headers, body, json: () => JSON.parse(body)});
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}
