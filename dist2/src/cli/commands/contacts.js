import QRCode from 'qrcode';
import { ContactIdentityChangedError } from '../../client/index.js';
import { SaltlineError, SignatureError } from '../../crypto/errors.js';
import { InvalidFrameError } from '../../protocol/errors.js';
import { print, printJson, withClient } from '../context.js';
import { contactJson, contactLine, inert } from '../format.js';
class BadLinkError extends SaltlineError {
    constructor() {
        super('BAD_INVITATION', 'that is not a valid Saltline invitation link (it must start with "saltline:" and be copied whole)');
    }
}
export function registerContactCommands(program, globals) {
    program
        .command('invite')
        .description('make a one-time invitation link (and QR code) for one person')
        .option('--for <name>', 're-invite an existing contact (e.g. after they lost their device)')
        .option('--no-qr', 'do not draw the QR code')
        .option('--json', 'print JSON: {"link": "…"}')
        .action(async (o) => {
        const { link } = await withClient(globals(), (c) => c.createInvitation(o.for !== undefined ? { contact: o.for } : {}));
        if (o.json)
            return printJson({ link });
        print('Send this one-time link to one person over a channel you trust, or let them scan the code:');
        print();
        print(link);
        if (o.qr) {
            print();
            print(await QRCode.toString(link, { type: 'terminal', small: true, errorCorrectionLevel: 'L' }));
        }
        print('They run: saltline accept LINK --name YOUR-NAME-FOR-THEM');
    });
    program
        .command('accept')
        .description('accept an invitation link and name its sender')
        .argument('<link>', 'the saltline:… link')
        .requiredOption('--name <name>', 'what to call this contact')
        .option('--replace-identity', 'accept a new identity key for an existing contact of that name')
        .option('--json', 'print JSON')
        .action(async (link, o) => {
        const contact = await withClient(globals(), async (c) => {
            try {
                const added = await c.acceptInvitation(link, o.name, o.replaceIdentity ? { replaceIdentity: true } : {});
                await c.flush();
                return added;
            }
            catch (e) {
                if (e instanceof InvalidFrameError || e instanceof SignatureError)
                    throw new BadLinkError();
                if (e instanceof ContactIdentityChangedError) {
                    process.stderr.write(`⚠ WARNING: ${e.message}\n`);
                    process.stderr.write(`  If you are sure it is them, compare safety numbers in person, then run: saltline accept LINK --name "${o.name}" --replace-identity\n`);
                }
                throw e;
            }
        });
        if (o.json)
            printJson({ contact: contactJson(contact) });
        else {
            print(`Added ${inert(contact.name)}. Compare safety numbers with: saltline verify "${contact.name}"`);
        }
    });
    program
        .command('contacts')
        .description('list your contacts')
        .option('--json', 'print JSON')
        .action(async (o) => {
        const contacts = await withClient(globals(), (c) => c.contacts());
        if (o.json)
            return printJson({ contacts: contacts.map(contactJson) });
        if (contacts.length === 0)
            print('No contacts yet: `saltline invite` makes an invitation.');
        for (const c of contacts)
            print(contactLine(c));
    });
    program
        .command('verify')
        .description("show a contact's safety number; compare it with theirs (in person or on a call)")
        .argument('<name>', 'contact')
        .option('--confirm', 'mark the contact verified (after comparing); accepts a changed identity key')
        .option('--json', 'print JSON')
        .action(async (name, o) => {
        const result = await withClient(globals(), async (c) => {
            const before = await c.safetyNumber(name);
            if (o.confirm)
                await c.markVerified(name);
            const contact = (await c.contacts()).find((x) => x.name.toLowerCase() === name.toLowerCase() || x.id === name);
            return { before, contact };
        });
        const n = result.before;
        if (o.json) {
            return printJson({
                contact: result.contact?.name ?? name,
                safetyNumber: n.digits,
                verified: result.contact?.verified ?? false,
                identityChanged: result.contact?.identityChanged ?? false,
                ...(n.changed ? { changedSafetyNumber: n.changed.digits } : {}),
            });
        }
        const groups = (g) => `${g.slice(0, 6).join(' ')}\n  ${g.slice(6).join(' ')}`;
        if (n.changed && !o.confirm) {
            print(`⚠ ${inert(name)}'s identity key CHANGED. Messages are refused until you confirm.`);
            print(`Old safety number:\n  ${groups(n.groups)}`);
            print(`NEW safety number:\n  ${groups(n.changed.groups)}`);
            print('Compare the new number with theirs; only if it matches run: saltline verify NAME --confirm');
            return;
        }
        print(`Safety number with ${inert(name)}:\n  ${groups((n.changed ?? n).groups)}`);
        print(o.confirm ? `${inert(name)} is now marked verified.` : 'If it matches theirs, run: saltline verify NAME --confirm');
    });
}
//# sourceMappingURL=contacts.js.map