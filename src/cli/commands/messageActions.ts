/**
 * `saltline edit`, `delete`, `react`, `disappear`, `set-read-receipts`, `set-typing` (issue 8):
 * edits, deletions, reactions and the disappearing timer, sent at once when the relay is there
 * (else kept in the outbox like any message), and the two privacy switches.
 */
import type { Command } from 'commander';
import { TIMER_NAMES, timerName, type Client, type MessageInfo } from '../../client/index.js';
import { print, printJson, UsageError, withClient, type GlobalOptions } from '../context.js';
import { messageJson, messageLine } from '../format.js';

function onOff(value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new UsageError(`expected on or off, not ${value}`);
}

/** Runs `work`, then sends what it queued; says so when the relay is unreachable. */
async function andSend<T>(c: Client, work: () => Promise<T>): Promise<{ result: T; pending: number }> {
  const result = await work();
  const { pending } = await c.flush();
  return { result, pending };
}

function report(message: MessageInfo | undefined, pending: number, json: boolean | undefined, done: string): void {
  if (json) return printJson({ ...(message ? { message: messageJson(message) } : {}), queued: pending > 0 });
  if (pending > 0) process.stderr.write('The relay is unreachable: the change is saved in the outbox and goes out with the next `saltline sync` or `saltline chat`.\n');
  print(message ? messageLine(message) : done);
}

export function registerMessageActionCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('edit')
    .description('change the text of one of your messages, for everyone in the conversation')
    .argument('<message-id>', 'from `history --ids` or `--json`')
    .argument('<text>', 'the new text')
    // A message id may begin with "-" (base64url): it must not be taken for an option.
    .allowUnknownOption()
    .option('--json', 'print JSON')
    .action(async (id: string, text: string, o: { json?: boolean }) => {
      const { result, pending } = await withClient(globals(), (c) => andSend(c, () => c.edit(id, text)));
      report(result, pending, o.json, '');
    });

  program
    .command('delete')
    .description('delete a message from this device, or one of yours for everyone with --for-everyone')
    .argument('<message-id>', 'from `history --ids` or `--json`')
    // A message id may begin with "-" (base64url): it must not be taken for an option.
    .allowUnknownOption()
    .option('--for-everyone', 'erase it on every device of the conversation (your own messages only)')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { forEveryone?: boolean; json?: boolean }) => {
      if (o.forEveryone) {
        const { result, pending } = await withClient(globals(), (c) => andSend(c, () => c.deleteForEveryone(id)));
        return report(result, pending, o.json, '');
      }
      await withClient(globals(), (c) => c.deleteMessage(id));
      report(undefined, 0, o.json, 'Deleted from this device.');
    });

  program
    .command('react')
    .description('react to a message with one emoji (replaces your earlier reaction)')
    .argument('<message-id>', 'from `history --ids` or `--json`')
    .argument('[emoji]', 'the emoji; leave out with --remove')
    // A message id may begin with "-" (base64url): it must not be taken for an option.
    .allowUnknownOption()
    .option('--remove', 'remove your reaction')
    .option('--json', 'print JSON')
    .action(async (id: string, emoji: string | undefined, o: { remove?: boolean; json?: boolean }) => {
      if (!o.remove && emoji === undefined) throw new UsageError('give an emoji, or --remove');
      const { result, pending } = await withClient(globals(), (c) => andSend(c, () => c.react(id, o.remove ? null : emoji!)));
      report(result, pending, o.json, '');
    });

  program
    .command('disappear')
    .description(`set a conversation's disappearing-message timer for both sides (${Object.keys(TIMER_NAMES).join('|')})`)
    .argument('<name>', 'contact or group')
    .argument('<timer>', Object.keys(TIMER_NAMES).join('|'))
    .option('--json', 'print JSON')
    .action(async (name: string, timer: string, o: { json?: boolean }) => {
      const seconds = TIMER_NAMES[timer];
      if (seconds === undefined) throw new UsageError(`the timer is one of ${Object.keys(TIMER_NAMES).join(', ')}`);
      const { result, pending } = await withClient(globals(), (c) => andSend(c, () => c.setDisappearing(name, seconds)));
      if (o.json) return printJson({ seconds, timer: timerName(seconds), message: messageJson(result), queued: pending > 0 });
      report(result, pending, false, '');
    });

  program
    .command('set-read-receipts')
    .description('send read receipts (on) or not (off); when off, you do not see others\u2019 read state either')
    .argument('<on|off>')
    .action(async (value: string) => {
      const on = onOff(value);
      await withClient(globals(), (c) => c.setReadReceipts(on));
      print(`Read receipts ${on ? 'on' : 'off'}.`);
    });

  program
    .command('set-typing')
    .description('send and show typing indicators (off by default: they tell when you are active)')
    .argument('<on|off>')
    .action(async (value: string) => {
      const on = onOff(value);
      await withClient(globals(), (c) => c.setTypingIndicators(on));
      print(`Typing indicators ${on ? 'on' : 'off'}.`);
    });
}
