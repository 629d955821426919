/**
 * `saltline chat NAME` (issue 5): an interactive conversation in the terminal. Incoming messages
 * appear as they arrive (and count as read), each sent message gets its delivery ticks as they
 * change (… sending, ✓ sent to the relay, ✓✓ delivered, ✓✓ read), and every typed line is sent.
 */
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import type { MessageInfo } from '../../client/index.js';
import { openClient, print, type GlobalOptions } from '../context.js';
import { inert, messageLine, ticks } from '../format.js';

export function registerChatCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('chat')
    .description('chat with a contact or in a group in this terminal (/quit or Ctrl-D to leave)')
    .argument('<name>', 'contact or group')
    .action(async (name: string) => {
      const client = await openClient(globals());
      const contact = (await client.contacts()).find((c) => c.name.toLowerCase() === name.toLowerCase() || c.id === name);
      const group = contact ? undefined : (await client.groups()).find((g) => g.name.toLowerCase() === name.toLowerCase() || g.id === name);
      if (!contact && !group) {
        await client.close();
        throw new (await import('../../client/index.js')).UnknownContactError(name);
      }
      const target = contact ? { id: contact.id, conversationId: contact.conversationId } : { id: group!.id, conversationId: group!.id };
      const mine = new Map<string, string>();
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
      rl.setPrompt('> ');
      let typing = true;
      rl.once('close', () => (typing = false));
      const show = (line: string): void => {
        // Print above the line being typed, then redraw it. Once the interface is closed, no
        // prompt: readline's prompt() resumes stdin, which would keep the process from exiting.
        process.stdout.write('\r\x1b[K');
        print(line);
        if (typing) rl.prompt(true);
      };
      // Listening from the start: piped input may arrive (and end) while the client is still opening.
      const finished = new Promise<void>((resolve) => {
        let queue = Promise.resolve();
        rl.on('line', (line) => {
          const text = line.trim();
          if (text === '/quit') {
            rl.close();
            return;
          }
          if (text === '') return rl.prompt();
          queue = queue.then(async () => {
            try {
              const sent: MessageInfo = await client.send(target.id, text);
              const short = text.length > 30 ? `${text.slice(0, 30)}…` : text;
              mine.set(sent.id, JSON.stringify(short));
              show(messageLine(sent));
            } catch (e) {
              show(`error: ${e instanceof Error ? e.message : String(e)}`);
            }
          });
        });
        rl.on('close', () => {
          void queue.then(resolve);
        });
        process.once('SIGTERM', () => rl.close());
      });
      if (contact) {
        print(`Chatting with ${inert(contact.name)}${contact.verified ? ' (verified)' : ' (not verified: compare safety numbers with `saltline verify`)'}. /quit to leave.`);
        if (contact.identityChanged) print(`⚠ ${inert(contact.name)}'s identity key changed: messages are refused until you run saltline verify.`);
      } else {
        print(`Chatting in the group ${inert(group!.name)} (${group!.members} members${group!.role === 'left' ? '; you are no longer a member' : ''}). /quit to leave.`);
      }
      for (const m of await client.history(target.id, { limit: 20 })) print(messageLine(m));
      let readPending = false;
      const markRead = (): void => {
        if (readPending) return;
        readPending = true;
        setTimeout(() => {
          readPending = false;
          client.markRead(target.id).catch(() => undefined);
        }, 200);
      };
      markRead();
      client.on((e) => {
        if (e.type === 'message' && e.message.conversationId === target.conversationId) {
          show(messageLine(e.message));
          markRead();
        } else if (e.type === 'delivery' && mine.has(e.messageId)) {
          show(`  ${ticks(e.state)} ${e.state}: ${mine.get(e.messageId)}`);
        } else if (e.type === 'identityChanged' && e.contactId === target.id) {
          show(`⚠ ${inert(e.name)}'s identity key changed: their messages are refused. Run saltline verify.`);
        } else if ((e.type === 'edited' || e.type === 'deleted' || e.type === 'reaction' || e.type === 'timer') && e.message.conversationId === target.conversationId) {
          // Issue 8: the changed message (or the timer's system line) as it is now.
          show(`${e.type === 'timer' ? '' : `${e.type}: `}${messageLine(e.message)}`);
        } else if (e.type === 'typing' && e.conversationId === target.conversationId && e.typing) {
          show(`${inert(e.senderName)} is typing…`);
        }
      });
      await client.start();
      if (typing) rl.prompt();

      await finished;
      await client.flush({ timeoutMs: 2_000 });
      await client.close();
    });
}
