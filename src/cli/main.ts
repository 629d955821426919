/**
 * The `saltline` command line (issue 5, commander). Each group of commands lives in its own module;
 * this file wires them and turns every error into one line on stderr and a non-zero exit code
 * (a stack trace only with SALTLINE_DEBUG=1).
 */
import { Command, CommanderError } from 'commander';
import { SaltlineError } from '../crypto/errors.js';
import { ProfileNotFoundError } from '../store/index.js';
import { registerAppCommand } from './commands/app.js';
import { registerAttachmentCommands } from './commands/attachments.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerChatCommand } from './commands/chat.js';
import { registerContactCommands } from './commands/contacts.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerGroupCommands } from './commands/group.js';
import { registerMessageActionCommands } from './commands/messageActions.js';
import { registerMessageCommands } from './commands/messages.js';
import { registerProfileCommands } from './commands/profile.js';
import { registerRelayCommand } from './commands/relay.js';
import { profileDir, type GlobalOptions } from './context.js';

const program = new Command();
program
  .name('saltline')
  .description('End-to-end encrypted, local-first chat')
  .version('0.1.0')
  .option('--profile <dir>', 'profile folder (default: $SALTLINE_PROFILE, else ~/.saltline/profile)')
  .showHelpAfterError('(run `saltline --help` for usage)')
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

registerProfileCommands(program, globals);
registerContactCommands(program, globals);
registerMessageCommands(program, globals);
registerAttachmentCommands(program, globals);
registerMessageActionCommands(program, globals);
registerGroupCommands(program, globals);
registerChatCommand(program, globals);
registerBackupCommands(program, globals);
registerRelayCommand(program);
registerAppCommand(program, globals);
registerDemoCommand(program);

function explain(e: unknown): string {
  if (e instanceof ProfileNotFoundError) return `no profile in ${profileDir(globals())}: create one with \`saltline init --name NAME\` (or pass --profile DIR)`;
  if (e instanceof SaltlineError) return e.message;
  if (e instanceof Error && 'code' in e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.message;
  return `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
}

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`saltline: ${explain(e)}\n`);
  if (process.env.SALTLINE_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exitCode = 1;
});
