import { CreateApiKeyBody, IdParams } from '@gpu-sentinel/protocol';
import type { Command } from 'commander';
import { parseInput } from '../errors/parse-input.js';
import { createApiKey } from '../services/auth/create-api-key.js';
import { listApiKeys } from '../services/auth/list-api-keys.js';
import { revokeApiKey } from '../services/auth/revoke-api-key.js';
import type { CliIo } from './cli-io.js';
import { withStoreOptions } from './store-options.js';
import { CLI_CONTEXT, formatTable, formatTime, withIdentityStore } from './identity-cli.js';

type Options = Record<string, string | boolean | undefined>;

/** `gpu-sentinel apikey create|list|revoke`, on the data dir's store. */
export function addApiKeyCommands(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const apikey = program.command('apikey').description('Manage API keys: create, list, revoke.');
  const common = withStoreOptions;

  common(apikey.command('create'))
    .description('Create a key and print it (the only time it is shown).')
    .requiredOption('--name <name>', 'what the key is for')
    .requiredOption('--scope <scope>', 'ingest | read | admin')
    .option('--expires <iso>', 'when it stops working, ISO 8601 (e.g. 2027-01-01T00:00:00Z)')
    .action(async (options: Options) => {
      done(
        await withIdentityStore(options, io, async (deps) => {
          const input = {
            name: options.name,
            scope: options.scope,
            ...(typeof options.expires === 'string' ? { expiresAt: options.expires } : {}),
          };
          const body = parseInput(CreateApiKeyBody, input, 'options');
          const created = await createApiKey(deps, body, CLI_CONTEXT);
          io.stdout.write(`${created.key}\n`);
          io.stderr.write(
            `API key ${created.id} (${created.name}, ${created.scope}): copy it now, it is not shown again\n`,
          );
          return 0;
        }),
      );
    });

  common(apikey.command('list'))
    .description('List API keys (never the keys themselves).')
    .option('--json', 'print JSON')
    .action(async (options: Options) => {
      done(
        await withIdentityStore(options, io, async (deps) => {
          const { items } = await listApiKeys(deps);
          if (options.json === true) {
            io.stdout.write(JSON.stringify(items, null, 2) + '\n');
            return 0;
          }
          const now = deps.clock.now();
          const status = (key: (typeof items)[number]) =>
            key.revokedAt !== null ? 'revoked' : key.expiresAt !== null && key.expiresAt <= now ? 'expired' : 'active';
          const rows = items.map((key) => [
            String(key.id),
            key.name,
            key.scope,
            key.prefix + '…',
            status(key),
            formatTime(key.expiresAt),
            formatTime(key.lastUsedAt),
          ]);
          io.stdout.write(formatTable(['ID', 'NAME', 'SCOPE', 'PREFIX', 'STATUS', 'EXPIRES', 'LAST USED'], rows));
          return 0;
        }),
      );
    });

  common(apikey.command('revoke').argument('<id>'))
    .description('Revoke a key: it stops working at once.')
    .action(async (id: string, options: Options) => {
      done(
        await withIdentityStore(options, io, async (deps) => {
          const revoked = await revokeApiKey(deps, parseInput(IdParams, { id }, 'id').id, CLI_CONTEXT);
          io.stdout.write(`revoked API key ${revoked.id} (${revoked.name})\n`);
          return 0;
        }),
      );
    });
}
