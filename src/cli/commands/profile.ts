/** `saltline init`, `saltline set-relay`, `saltline info` (issue 5): create and describe a profile. */
import type { Command } from 'commander';
import { Client } from '../../client/index.js';
import { clientOptions, print, printJson, profileDir, pwhashForNewProfiles, readPassphrase, withClient, type GlobalOptions } from '../context.js';

export function registerProfileCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('init')
    .description('create a profile (and its first receive queue on the relay)')
    .requiredOption('--name <name>', 'the name your contacts will see')
    .option('--relay <address>', 'the relay you receive on, as printed by `saltline relay`')
    .option('--json', 'print JSON')
    .action(async (o: { name: string; relay?: string; json?: boolean }) => {
      const dir = profileDir(globals());
      const passphrase = await readPassphrase({ confirm: true, what: 'New passphrase' });
      const pwhash = pwhashForNewProfiles();
      const client = await Client.create(dir, passphrase, { name: o.name, ...(o.relay ? { relay: o.relay } : {}), ...(pwhash ? { pwhash } : {}), ...clientOptions() });
      const profile = client.profile;
      await client.close();
      if (o.json) printJson({ profile: dir, name: profile.name, relay: profile.relay || null });
      else {
        print(`Created profile "${profile.name}" in ${dir}`);
        print(profile.relay ? `Receiving on ${profile.relay}` : 'No relay yet: set one with `saltline set-relay ADDRESS` before inviting anyone.');
      }
    });

  program
    .command('set-relay')
    .description('choose the relay new contacts will reach you on')
    .argument('<address>', 'relay address, as printed by `saltline relay`')
    .action(async (address: string) => {
      await withClient(globals(), (c) => c.setRelay(address));
      print(`New invitations will use ${address}`);
    });

  program
    .command('info')
    .description('show this profile')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const info = await withClient(globals(), async (c) => ({ ...c.profile, ...c.settings, contacts: (await c.contacts()).length, pendingInvitations: (await c.pendingInvitations()).length }));
      if (o.json) printJson({ profile: profileDir(globals()), ...info });
      else {
        print(`Profile:   ${profileDir(globals())}`);
        print(`Name:      ${info.name}`);
        print(`Relay:     ${info.relay || '(none)'}`);
        print(`Contacts:  ${info.contacts}   Open invitations: ${info.pendingInvitations}`);
        print(`Read receipts: ${info.readReceipts ? 'on' : 'off'}   Typing indicators: ${info.typing ? 'on' : 'off'}`);
      }
    });
}
