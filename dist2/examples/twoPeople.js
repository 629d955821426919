// Two people, one relay, one process: the README's SDK example (compiled and run by the tests).
import { Client, PWHASH_LIMITS, startRelay } from '../src/index.js';
export async function twoPeople(folder) {
    // A relay on loopback; real users run `saltline relay` somewhere both can reach.
    const relay = await startRelay({ dataDir: `${folder}/relay` });
    // A profile is a folder, locked by a passphrase (Argon2id; MODERATE limits unless told).
    const alice = await Client.create(`${folder}/alice`, 'alice passphrase', { name: 'Alice', relay: relay.address, pwhash: PWHASH_LIMITS.min });
    const bob = await Client.create(`${folder}/bob`, 'bob passphrase', { name: 'Bob', relay: relay.address, pwhash: PWHASH_LIMITS.min });
    const seen = [];
    const log = (who) => (event) => {
        if (event.type === 'message')
            seen.push(`${who} got "${event.message.text}" from ${event.message.senderName}`);
    };
    alice.on(log('Alice'));
    bob.on(log('Bob'));
    await alice.start();
    await bob.start();
    // Alice makes a one-time invitation; Bob accepts it (a link or a QR code, over any channel).
    const { link } = await alice.createInvitation();
    await bob.acceptInvitation(link, 'Alice');
    await alice.sync(); // Alice now knows Bob, under the name he gave himself
    // Both see the same safety number; compare it in person, then mark the contact verified.
    const [a, b] = [await alice.safetyNumber('Bob'), await bob.safetyNumber('Alice')];
    if (a.digits === b.digits)
        await alice.markVerified('Bob');
    await bob.send('Alice', 'Hello Alice!');
    await bob.flush();
    await alice.sync();
    await alice.send('Bob', 'Hi Bob, got it.');
    await alice.flush();
    await bob.sync();
    const history = await alice.history('Bob', { limit: 50 });
    seen.push(...history.map((m) => `${m.outgoing ? 'me' : m.senderName}: ${m.text} [${m.state}]`));
    await alice.close();
    await bob.close();
    await relay.close();
    return seen;
}
//# sourceMappingURL=twoPeople.js.map