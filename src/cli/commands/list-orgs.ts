import {V2Path} from '../../protocol/v2/constants.js';
import {parseCommandArgs} from '../args.js';
import type {ExitCode} from '../errors.js';
import {line, printJson, runCommand, type CliIo} from '../io.js';
import {refusal} from './create-org.js';
import {withRepository, type CommandDeps} from './deps.js';
import {classicListOrgs} from '../classic/organizations.js';

export const LIST_ORGS_USAGE = `usage: rep-list-orgs [--suite v2|classic] [--json]
  Lists the repository's organizations and their subjects (--suite classic: the names, through the
  reference's anonymous GET /organizations).`;

interface OrganizationsAnswer {
  readonly organizations: ReadonlyArray<{name: string; subjects: ReadonlyArray<{username: string; status: string}>}>;
}

/** `rep-list-orgs` (GET /v2/organizations). */
export async function listOrgsCommand(argv: readonly string[], io: CliIo, deps: CommandDeps): Promise<ExitCode> {
  return runCommand(io, argv.includes('--json'), LIST_ORGS_USAGE, async () => {
    const args = parseCommandArgs(argv, [0]);
    if (args.help) return line(io.stdout, LIST_ORGS_USAGE);
    if (args.suite === 'classic') return classicListOrgs(args, io, deps);
    const answer = await withRepository(deps, io.env, async (target) => {
      const response = await target.transport.request('GET', V2Path.Organizations);
      if (response.status !== 200) throw refusal(response.status, response.body);
      return response.body as OrganizationsAnswer;
    });
    if (args.json) return printJson(io, answer);
    if (answer.organizations.length === 0) return line(io.stdout, 'No organizations yet: create one with rep-create-org.');
    for (const org of answer.organizations) {
      const subjects = org.subjects.map((s) => (s.status === 'active' ? s.username : `${s.username} (${s.status})`));
      line(io.stdout, `${org.name}\t${subjects.join(', ')}`);
    }
  });
}
