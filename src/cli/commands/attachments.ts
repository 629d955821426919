/**
 * Attachments on the command line (issue 8 item 1): `saltline send NAME --file PATH` (wired into
 * messages.ts) and `saltline save MESSAGE_ID OUT`, each with a progress bar on a terminal.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Client, MessageInfo } from '../../client/index.js';
import { print, printJson, withClient, type GlobalOptions } from '../context.js';

function mebibytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

/** A progress bar in MiB on stderr (only on a terminal); returns the listener and a stop function. */
export function transferBar(label: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} {bar} {percentage}% | {done}/{all} MiB`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (done, total) => {
      if (!started) bar.start(Math.max(1, total), 0, { done: '0.0', all: mebibytes(total) });
      started = true;
      bar.update(Math.min(done, Math.max(1, total)), { done: mebibytes(done), all: mebibytes(total) });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Sends a file and waits until the relay holds all of it. */
export async function sendFile(c: Client, name: string, path: string): Promise<MessageInfo> {
  const bar = transferBar('uploading');
  try {
    return await c.sendFile(name, path, { onProgress: bar.onProgress });
  } finally {
    bar.stop();
  }
}

export function registerAttachmentCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('save')
    .description('write the decrypted attachment of a message to a file (downloading what is missing)')
    .argument('<message-id>', 'the message id (see `saltline history NAME --json`)')
    .argument('<out>', 'file to write')
    .option('--json', 'print JSON')
    // A message id may begin with "-" (base64url): it must not be taken for an option.
    .allowUnknownOption()
    .action(async (messageId: string, out: string, o: { json?: boolean }) => {
      await withClient(globals(), async (c) => {
        const bar = transferBar('downloading');
        try {
          await c.saveAttachment(messageId, out, { onProgress: bar.onProgress });
        } finally {
          bar.stop();
        }
      });
      if (o.json) return printJson({ saved: out });
      print(`Saved to ${out}`);
    });
}
