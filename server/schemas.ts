/** JSON schemas of the infrastructure routes (the v2 handshake routes keep their own). */

/** No C0/C1 control characters (U+0000–U+001F, U+007F–U+009F). */
const NO_CONTROL = '^[^\\u0000-\\u001F\\u007F-\\u009F]+$';
/** `local@domain.tld`, no whitespace or control characters. */
const EMAIL = '^[^\\s@\\u0000-\\u001F\\u007F-\\u009F]+@[^\\s@\\u0000-\\u001F\\u007F-\\u009F]+\\.[^\\s@\\u0000-\\u001F\\u007F-\\u009F]+$';

/** Limits of the organization-creation request. */
export const LIMITS = {
  name: 64,
  fullName: 128,
  email: 254,
  publicKey: 400,
} as const;

const name = {type: 'string', minLength: 1, maxLength: LIMITS.name, pattern: NO_CONTROL} as const;

/** Body of `POST /v2/organizations`. */
export interface CreateOrganizationBody {
  readonly organization: string;
  readonly username: string;
  readonly full_name: string;
  readonly email: string;
  readonly public_key: string;
}

/** Schema of `POST /v2/organizations` (request and answers). */
export const createOrganizationSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['organization', 'username', 'full_name', 'email', 'public_key'],
    properties: {
      organization: name,
      username: name,
      full_name: {type: 'string', minLength: 1, maxLength: LIMITS.fullName, pattern: NO_CONTROL},
      email: {type: 'string', minLength: 3, maxLength: LIMITS.email, pattern: EMAIL},
      public_key: {type: 'string', minLength: 1, maxLength: LIMITS.publicKey},
    },
  },
  response: {
    201: {
      type: 'object',
      required: ['organization', 'username'],
      properties: {organization: {type: 'string'}, username: {type: 'string'}},
    },
  },
} as const;

/** Schema of `GET /v2/organizations`: names and statuses only (no keys, no e-mail addresses). */
export const listOrganizationsSchema = {
  response: {
    200: {
      type: 'object',
      required: ['organizations'],
      properties: {
        organizations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'subjects'],
            properties: {
              name: {type: 'string'},
              subjects: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['username', 'status'],
                  properties: {username: {type: 'string'}, status: {type: 'string', enum: ['active', 'suspended']}},
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** Schema of `GET /v2/repository`. */
export const repositorySchema = {
  response: {
    200: {
      type: 'object',
      required: ['public_key', 'fingerprint'],
      properties: {public_key: {type: 'string'}, fingerprint: {type: 'string'}},
    },
  },
} as const;

/** Schema of `GET /v2/health`. */
export const healthSchema = {
  response: {200: {type: 'object', required: ['ok'], properties: {ok: {type: 'boolean'}}}},
} as const;
