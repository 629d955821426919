/**
 * The `saltline` binary when things go wrong (issue 5 §Tests): a message sent while the relay is
 * down waits in the outbox and is delivered after the relay comes back (same port, same key);
 * a contact whose identity key changes is refused with a visible warning; user mistakes are one
 * line on stderr and a non-zero exit code, never a stack trace.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Sandbox } from './harness.js';
let box;
let relay;
async function connect(a, b, nameOfA) {
    const { link } = await box.json(a, ['invite']);
    await box.ok(b, ['accept', link, '--name', nameOfA]);
    await box.ok(a, ['sync']);
}
function oneLine(stderr) {
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, `expected one line, got: ${stderr}`);
    assert.doesNotMatch(stderr, /\n\s+at |Error:/, 'no stack trace');
}
before(async () => {
    box = await Sandbox.create();
    relay = await box.startRelay();
    await box.ok('alice', ['init', '--name', 'Alice', '--relay', relay.address]);
    await box.ok('bob', ['init', '--name', 'Bob', '--relay', relay.address]);
    await connect('alice', 'bob', 'alice');
});
after(async () => {
    await relay.stop();
    await box.cleanup();
});
test('a message sent while the relay is down is delivered after it comes back', { timeout: 90_000 }, async () => {
    await relay.kill9();
    const down = await box.run('alice', ['send', 'Bob', 'written during the outage', '--json']);
    assert.equal(down.code, 0, down.stderr);
    const queued = JSON.parse(down.stdout);
    assert.equal(queued.queued, true);
    assert.equal(queued.message.state, 'sending');
    const human = await box.run('alice', ['send', 'Bob', 'and a second one']);
    assert.equal(human.code, 0);
    assert.match(human.stderr, /relay is unreachable.*outbox/);
    const syncDown = await box.run('bob', ['sync']);
    assert.equal(syncDown.code, 1);
    oneLine(syncDown.stderr);
    assert.match(syncDown.stderr, /unreachable/);
    relay = await box.startRelay(relay.port);
    const flushed = await box.json('alice', ['sync']);
    assert.equal(flushed.pending, 0);
    assert.equal(flushed.sent, 2);
    const got = await box.json('bob', ['sync']);
    assert.deepEqual(got.messages.map((m) => m.text), ['written during the outage', 'and a second one']);
});
test('#12 a contact whose identity key changes is refused with a visible warning', { timeout: 90_000 }, async () => {
    // Bob "loses his phone": a new profile with a new identity key, also calling itself Bob.
    await box.ok('bob-new', ['init', '--name', 'Bob', '--relay', relay.address]);
    const { link } = await box.json('alice', ['invite', '--for', 'Bob']);
    await box.ok('bob-new', ['accept', link, '--name', 'alice']);
    const synced = await box.run('alice', ['sync']);
    assert.equal(synced.code, 0);
    assert.match(synced.stderr, /WARNING: Bob's identity key changed/);
    const { contacts } = await box.json('alice', ['contacts']);
    assert.deepEqual(contacts.map((c) => [c.name, c.identityChanged]), [['Bob', true]]);
    const refused = await box.run('alice', ['send', 'Bob', 'still there?']);
    assert.equal(refused.code, 1);
    oneLine(refused.stderr);
    assert.match(refused.stderr, /identity key has changed/);
    const shown = await box.ok('alice', ['verify', 'Bob']);
    assert.match(shown.stdout, /identity key CHANGED/);
    const numbers = await box.json('alice', ['verify', 'Bob']);
    assert.ok(numbers.changedSafetyNumber && numbers.changedSafetyNumber !== numbers.safetyNumber);
    // The other direction: accepting an invitation under an existing contact's name with another key.
    const { link: fromNewBob } = await box.json('bob-new', ['invite']);
    await box.ok('carol', ['init', '--name', 'Carol', '--relay', relay.address]);
    await connect('bob', 'carol', 'Bob');
    const impostor = await box.run('carol', ['accept', fromNewBob, '--name', 'Bob']);
    assert.equal(impostor.code, 1);
    assert.match(impostor.stderr, /WARNING: Bob's identity key has changed/);
    // Once Alice compared the new number, confirming accepts the new key and chat resumes.
    await box.ok('alice', ['verify', 'Bob', '--confirm']);
    await box.ok('alice', ['send', 'Bob', 'welcome back']);
    const got = await box.json('bob-new', ['sync']);
    assert.deepEqual(got.messages.map((m) => m.text), ['welcome back']);
});
test('user mistakes are one clear line on stderr and a non-zero exit', { timeout: 60_000 }, async () => {
    const cases = [
        ['alice', ['contacts'], { SALTLINE_PASSPHRASE: 'wrong' }, /wrong passphrase/],
        ['alice', ['send', 'Nobody', 'hi'], {}, /no contact .*Nobody/],
        ['alice', ['accept', 'saltline:AAAA', '--name', 'x'], {}, /not a valid Saltline invitation link/],
        ['alice', ['accept', 'https://example.org', '--name', 'x'], {}, /not a valid Saltline invitation link/],
        ['nobody-here', ['contacts'], {}, /no profile in .*saltline init/],
        ['alice', ['init', '--name', 'Again'], {}, /already holds a profile/],
        ['alice', ['history', 'Bob', '--limit', 'many'], {}, /not a positive number/],
    ];
    for (const [profile, args, env, expected] of cases) {
        const r = await box.run(profile, args, env);
        assert.notEqual(r.code, 0, `saltline ${args.join(' ')} should fail`);
        oneLine(r.stderr);
        assert.match(r.stderr, expected);
    }
    const { link } = await box.json('alice', ['invite']);
    const own = await box.run('alice', ['accept', link, '--name', 'me']);
    assert.equal(own.code, 1);
    assert.match(own.stderr, /your own invitation/);
});
//# sourceMappingURL=resilience.test.js.map