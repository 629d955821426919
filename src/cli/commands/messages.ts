/** `saltline send`, `sync`, `history`, `search` (issue 5): one-shot messaging for people and scripts. */
import type { Command } from 'commander';
import type { MessageInfo } from '../../client/index.js';
import { print, printJson, UsageError, withClient, type GlobalOptions } from '../context.js';
import { messageJson, messageLine } from '../format.js';
import { sendFile } from './attachments.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`not a positive number: ${value}`);
  return n;
}

export function registerMessageCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('send')
    .description('send a message (kept in the outbox if the relay is unreachable), or a file with --file')
    .argument('<name>', 'contact or group')
    .argument('[text]', 'message')
    .option('--file <path>', 'send this file as an encrypted attachment (waits until it is uploaded)')
    .option('--reply-to <id>', 'quote this message (an id from `history --ids` or `--json`)')
    .option('--json', 'print JSON')
    .action(async (name: string, text: string | undefined, o: { json?: boolean; file?: string; replyTo?: string }) => {
      if ((text === undefined) === (o.file === undefined)) throw new UsageError('give either a message text or --file PATH');
      if (o.file !== undefined && o.replyTo !== undefined) throw new UsageError('--reply-to goes with a text, not with --file');
      const { message, pending } = await withClient(globals(), async (c) => {
        const sent = o.file !== undefined ? await sendFile(c, name, o.file) : await c.send(name, text!, o.replyTo !== undefined ? { replyTo: o.replyTo } : {});
        const { pending } = await c.flush();
        const [latest] = (await c.history(name, { limit: 1 })).filter((m) => m.id === sent.id);
        return { message: latest ?? sent, pending };
      });
      const queued = pending > 0 && message.state === 'sending';
      if (o.json) return printJson({ message: messageJson(message), queued });
      if (queued) process.stderr.write('The relay is unreachable: the message is saved in the outbox and will go out with the next `saltline sync` or `saltline chat`.\n');
      else print(messageLine(message));
    });

  program
    .command('sync')
    .description('fetch and process everything waiting, send the outbox, then exit')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const { result, messages } = await withClient(globals(), async (c) => {
        const messages: MessageInfo[] = [];
        const off = c.on((e) => {
          if (e.type === 'message') messages.push(e.message);
          if (e.type === 'identityChanged') process.stderr.write(`⚠ WARNING: ${e.name}'s identity key changed; their messages are refused. Run: saltline verify "${e.name}"\n`);
        });
        try {
          return { result: await c.sync(), messages };
        } finally {
          off();
        }
      });
      if (o.json) return printJson({ ...result, messages: messages.map(messageJson) });
      for (const m of messages) print(messageLine(m));
      print(`${result.received} received, ${result.sent} sent${result.pending ? `, ${result.pending} still waiting in the outbox` : ''}${result.refused ? `, ${result.refused} refused` : ''}`);
    });

  program
    .command('history')
    .description('show a conversation, oldest first')
    .argument('<name>', 'contact or group')
    .option('--limit <n>', 'how many messages', positiveInt, 50)
    .option('--before <seq>', 'only messages before this position (page back)', positiveInt)
    .option('--ids', 'show message ids (for edit, delete, react, --reply-to)')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { limit: number; before?: number; ids?: boolean; json?: boolean }) => {
      const messages = await withClient(globals(), (c) => c.history(name, { limit: o.limit, ...(o.before !== undefined ? { before: o.before } : {}) }));
      if (o.json) return printJson({ messages: messages.map(messageJson) });
      if (messages.length === 0) print('No messages.');
      for (const m of messages) print(messageLine(m, { ids: o.ids === true }));
    });

  program
    .command('search')
    .description('search all conversations (every word must match the start of a word)')
    .argument('<text>', 'words to find')
    .option('--limit <n>', 'how many results', positiveInt, 50)
    .option('--json', 'print JSON')
    .action(async (text: string, o: { limit: number; json?: boolean }) => {
      const found = await withClient(globals(), (c) => c.search(text, { limit: o.limit }));
      if (o.json) return printJson({ messages: found.map(messageJson) });
      if (found.length === 0) print('Nothing found.');
      for (const m of found) print(messageLine(m));
    });
}
