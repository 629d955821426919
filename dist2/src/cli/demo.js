/**
 * `saltline demo --protocol`: two local parties, Alice and Bob, in one process. Alice makes an invitation,
 * Bob accepts it, they exchange a few messages and compare safety numbers; every step prints
 * what each side sees and what the wire carries (sizes and the first bytes of each envelope).
 */
import { cryptoReady, systemRng as rng, toHex } from '../crypto/index.js';
import { acceptInvitation, createIdentity, createInvitation, decryptMessage, encryptMessage, invitationFromLink, invitationToLink, respondToInvitation, safetyNumber, serializeSession, } from '../protocol/index.js';
function wire(envelope) {
    return `${envelope.length} bytes on the wire: ${toHex(envelope.subarray(0, 24))}… (opaque to anyone but the recipient)`;
}
export async function runDemo(print = (l) => console.log(l)) {
    await cryptoReady();
    const alice = createIdentity(rng);
    const bob = createIdentity(rng);
    print('Saltline protocol demo — two parties in one process, no network.\n');
    const { invitation, secrets } = createInvitation(alice, { address: Buffer.from('alice@demo-relay'), rng });
    const link = invitationToLink(invitation);
    print(`Alice creates a one-time invitation (${link.length} characters):`);
    print(`  ${link.slice(0, 72)}…\n`);
    let bobSession = acceptInvitation(bob, invitationFromLink(link), { address: Buffer.from('bob@demo-relay'), rng });
    print('Bob accepts it: X3DH over X25519 plus an X-Wing (ML-KEM-768 + X25519) encapsulation.');
    const sent = encryptMessage(bobSession, Buffer.from('Hi Alice, it is Bob. Got your invitation.'), { rng });
    bobSession = sent.state;
    print(`Bob → ${wire(sent.envelope)}`);
    const first = respondToInvitation(alice, secrets, sent.envelope, { rng });
    let aliceSession = first.state;
    print(`Alice reads: "${first.plaintext.toString()}" (from a verified identity; reply to ${first.peerAddress.toString()})\n`);
    const exchange = [
        ['alice', 'Hello Bob! This message ratchets to fresh keys.'],
        ['bob', 'Every message gets its own key; old ones are wiped.'],
        ['bob', 'And the headers are encrypted too.'],
        ['alice', 'Let us compare safety numbers.'],
    ];
    for (const [from, text] of exchange) {
        if (from === 'alice') {
            const out = encryptMessage(aliceSession, Buffer.from(text), { rng });
            aliceSession = out.state;
            const got = decryptMessage(bobSession, out.envelope, { rng });
            bobSession = got.state;
            print(`Alice → ${wire(out.envelope)}`);
            print(`Bob reads: "${got.plaintext.toString()}"`);
        }
        else {
            const out = encryptMessage(bobSession, Buffer.from(text), { rng });
            bobSession = out.state;
            const got = decryptMessage(aliceSession, out.envelope, { rng });
            aliceSession = got.state;
            print(`Bob → ${wire(out.envelope)}`);
            print(`Alice reads: "${got.plaintext.toString()}"`);
        }
    }
    const aliceView = safetyNumber(alice.publicIdentity.identityKey, first.peer.identityKey);
    const bobView = safetyNumber(bob.publicIdentity.identityKey, bobSession.peer.identityKey);
    print('\nSafety numbers (compare them in person or by scanning the QR code):');
    print(`  Alice sees: ${aliceView.groups.join(' ')}`);
    print(`  Bob sees:   ${bobView.groups.join(' ')}`);
    print(`  ${aliceView.digits === bobView.digits ? 'They match: no one is in the middle.' : 'MISMATCH!'}`);
    print(`\nSession state each side keeps (encrypted at rest by the store): ${serializeSession(aliceSession).length} and ${serializeSession(bobSession).length} bytes.`);
}
//# sourceMappingURL=demo.js.map