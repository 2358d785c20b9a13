import { CreateUserBody, Password, Role, Username } from '@gpu-sentinel/protocol';
import type { Command } from 'commander';
import { NotFoundError } from '../errors/app-error.js';
import { parseInput } from '../errors/parse-input.js';
import { createUser } from '../services/auth/create-user.js';
import { listUsers } from '../services/auth/list-users.js';
import { updateUser } from '../services/auth/update-user.js';
import type { CliIo } from './cli-io.js';
import { withStoreOptions } from './store-options.js';
import { CLI_CONTEXT, formatTable, formatTime, withIdentityStore, type CliIdentityDeps } from './identity-cli.js';
import { readNewPassword } from './read-secret.js';

type Options = Record<string, string | boolean | undefined>;

/** `gpu-sentinel user add|passwd|list|disable`, on the data dir's store (the server may be running). */
export function addUserCommands(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const user = program.command('user').description('Manage users: add, passwd, list, disable.');
  const common = withStoreOptions;

  common(user.command('add').argument('<username>'))
    .description('Add a user; asks for the password (or reads it from stdin).')
    .requiredOption('--role <role>', 'admin | user | reader')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (username: string, options: Options) => {
      done(
        await withIdentityStore(options, io, async (deps) => {
          const role = parseInput(Role, options.role, 'role');
          const name = parseInput(Username, username, 'username');
          const password = await readNewPassword(io, options.passwordStdin === true);
          const body = parseInput(CreateUserBody, { username: name, password, role }, 'user');
          const created = await createUser(deps, body, CLI_CONTEXT);
          io.stdout.write(`added ${created.username} (${created.role})\n`);
          return 0;
        }),
      );
    });

  common(user.command('passwd').argument('<username>'))
    .description("Set a user's password; ends their sessions.")
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (username: string, options: Options) => {
      done(
        await withIdentityStore(options, io, async (deps) => {
          const id = await userIdOf(deps, username);
          const password = parseInput(Password, await readNewPassword(io, options.passwordStdin === true), 'password');
          await updateUser(deps, id, { password }, CLI_CONTEXT);
          io.stdout.write(`password of ${username} changed; their sessions are ended\n`);
          return 0;
        }),
      );
    });

  common(user.command('list'))
    .description('List users.')
    .option('--json', 'print JSON')
    .action(async (options: Options) => {
      done(
        await withIdentityStore(options, io, async (deps) => {
          const { items } = await listUsers(deps);
          if (options.json === true) {
            io.stdout.write(JSON.stringify(items, null, 2) + '\n');
            return 0;
          }
          const rows = items.map((u) => [
            String(u.id),
            u.username,
            u.role,
            u.isDisabled ? 'disabled' : 'active',
            formatTime(u.lastLoginAt),
          ]);
          io.stdout.write(formatTable(['ID', 'USERNAME', 'ROLE', 'STATUS', 'LAST LOGIN'], rows));
          return 0;
        }),
      );
    });

  common(user.command('disable').argument('<username>'))
    .description('Disable a user; ends their sessions.')
    .action(async (username: string, options: Options) => {
      done(
        await withIdentityStore(options, io, async (deps) => {
          await updateUser(deps, await userIdOf(deps, username), { isDisabled: true }, CLI_CONTEXT);
          io.stdout.write(`disabled ${username}; their sessions are ended\n`);
          return 0;
        }),
      );
    });
}

async function userIdOf(deps: CliIdentityDeps, username: string): Promise<number> {
  const user = await deps.store.findUserByUsername(username);
  if (user === undefined) throw new NotFoundError(`no user named ${username}`, 'username');
  return user.id;
}
