import { print, printJson, UsageError, withClient } from '../context.js';
import { inert } from '../format.js';
function groupLine(g) {
    return `${inert(g.name)}  (${g.members} member${g.members === 1 ? '' : 's'}, ${g.role === 'left' ? 'you left or were removed' : `you are ${g.role === 'admin' ? 'an admin' : 'a member'}`})`;
}
function memberLine(m) {
    const flags = [m.role === 'admin' ? 'admin' : '', m.self ? '' : m.contact ? 'contact' : 'introduced by the group'].filter(Boolean);
    return `${m.self ? 'you' : inert(m.name)}${flags.length ? `  (${flags.join(', ')})` : ''}`;
}
export function registerGroupCommands(program, globals) {
    const group = program.command('group').description('make and manage groups (send with `saltline send GROUP TEXT`)');
    /** Runs a membership change and sends what it produced (kept in the outbox if the relay is away). */
    const change = (what, done) => async (o) => {
        const { info, pending } = await withClient(globals(), async (c) => {
            const info = await what(c);
            const { pending } = await c.flush();
            return { info, pending };
        });
        if (o.json)
            return printJson({ group: info, queued: pending > 0 });
        print(done(info));
        if (pending > 0)
            process.stderr.write('The relay is unreachable: the changes wait in the outbox for the next `saltline sync`.\n');
    };
    group
        .command('create')
        .description('create a group with some of your contacts; you are its admin')
        .argument('<name>', 'group name')
        .requiredOption('--members <names>', 'comma-separated contact names')
        .option('--json', 'print JSON')
        .action(async (name, o) => {
        const members = o.members
            .split(',')
            .map((m) => m.trim())
            .filter(Boolean);
        if (members.length === 0)
            throw new UsageError('--members needs at least one contact');
        await change((c) => c.createGroup(name, members), (g) => `Created ${groupLine(g)}. Members who are not each other's contacts are introduced automatically.`)(o);
    });
    group
        .command('add')
        .description('add a contact to a group (admins only)')
        .argument('<group>', 'group name')
        .argument('<member>', 'contact name')
        .option('--json', 'print JSON')
        .action(async (name, member, o) => {
        await change((c) => c.addToGroup(name, member), (g) => `Added ${inert(member)}: ${groupLine(g)}`)(o);
    });
    group
        .command('remove')
        .description('remove a member from a group (admins only); everyone left changes keys')
        .argument('<group>', 'group name')
        .argument('<member>', 'member name (see `saltline group members`)')
        .option('--json', 'print JSON')
        .action(async (name, member, o) => {
        await change((c) => c.removeFromGroup(name, member), (g) => `Removed ${inert(member)}: ${groupLine(g)}`)(o);
    });
    group
        .command('rename')
        .description('rename a group (admins only)')
        .argument('<group>', 'group name')
        .argument('<new-name>', 'the new name')
        .option('--json', 'print JSON')
        .action(async (name, newName, o) => {
        await change((c) => c.renameGroup(name, newName), (g) => `Renamed: ${groupLine(g)}`)(o);
    });
    group
        .command('admin')
        .alias('set-role')
        .description('make a member an admin (on) or a plain member again (off); admins only')
        .argument('<group>', 'group name')
        .argument('<member>', 'member name (see `saltline group members`)')
        .argument('<on|off>', 'on: admin, off: plain member')
        .option('--json', 'print JSON')
        .action(async (name, member, flag, o) => {
        const admin = flag === 'on' ? true : flag === 'off' ? false : undefined;
        if (admin === undefined)
            throw new UsageError('the last argument is `on` or `off`');
        await change((c) => c.setGroupAdmin(name, member, admin), (g) => `${inert(member)} is ${admin ? 'now an admin' : 'no longer an admin'}: ${groupLine(g)}`)(o);
    });
    group
        .command('leave')
        .description('leave a group')
        .argument('<group>', 'group name')
        .option('--json', 'print JSON')
        .action(async (name, o) => {
        await change((c) => c.leaveGroup(name), (g) => `You left ${inert(g.name)}.`)(o);
    });
    group
        .command('list')
        .description('list your groups')
        .option('--json', 'print JSON')
        .action(async (o) => {
        const groups = await withClient(globals(), (c) => c.groups());
        if (o.json)
            return printJson({ groups });
        if (groups.length === 0)
            print('No groups yet: `saltline group create NAME --members A,B` makes one.');
        for (const g of groups)
            print(groupLine(g));
    });
    group
        .command('members')
        .description("list a group's members")
        .argument('<group>', 'group name')
        .option('--json', 'print JSON')
        .action(async (name, o) => {
        const members = await withClient(globals(), (c) => c.groupMembers(name));
        if (o.json)
            return printJson({ members });
        for (const m of members)
            print(memberLine(m));
    });
}
//# sourceMappingURL=group.js.map