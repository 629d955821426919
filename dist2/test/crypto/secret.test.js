/**
 * Secrets and key constructors (src/crypto/secret.ts, keys.ts): secret bytes never print, wiping
 * zeroes memory, and every branded key checks its length.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, inspect } from 'node:util';
import { adoptDhPublicKey, adoptIdentityPublicKey, adoptKemCiphertext, adoptSignature, aeadEncrypt, chainKey, dhPublicKey, dhSecretKey, headerKey, identityPublicKey, identitySecretKey, InvalidKeyError, kemCiphertext, kemPublicKey, kemSecretKey, messageKey, rootKey, Secret, signature, symmetricKey, wipeAll, XWING_CIPHERTEXT_BYTES, } from '../../src/crypto/index.js';
// A recognisable pattern, so any rendering of the bytes (hex, base64, decimal list) is caught.
const BYTES = Buffer.from(Array.from({ length: 32 }, (_, i) => 0xa0 + (i % 16)));
const renderings = (b) => [
    b.toString('hex'),
    b.toString('hex').toUpperCase(),
    b.toString('base64'),
    b.toString('base64url'),
    b.subarray(0, 8).toString('hex'),
    [...b.subarray(0, 6)].join(','),
    [...b.subarray(0, 6)].join(', '),
    inspect(b.subarray(0, 4)).slice(8, 19),
];
function assertNoLeak(output, what) {
    for (const r of renderings(BYTES))
        assert.ok(!output.includes(r), `${what} leaked the secret bytes (${r}): ${output}`);
}
test('Secret never prints its bytes: String, template literal, JSON, util.inspect, util.format', () => {
    const s = Secret.copyOf('RootKey', 32, BYTES);
    const outputs = [
        ['String()', String(s)],
        // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- what this test is about
        ['template literal', `${s}`],
        ['concatenation', 'key: ' + s.toString()],
        ['JSON.stringify', JSON.stringify(s)],
        ['JSON.stringify (nested)', JSON.stringify({ state: { rk: s, list: [s] } })],
        ['util.inspect', inspect(s)],
        ['util.inspect showHidden', inspect(s, { showHidden: true, depth: Infinity, getters: true })],
        ['util.inspect nested', inspect({ deep: { deeper: { s } } }, { depth: Infinity })],
        ['util.format %o', format('%o', s)],
        ['util.format %O', format('%O', { s })],
        ['util.format %j', format('%j', { s })],
        ['util.format %s', format('%s', s)],
        ['Object.entries', JSON.stringify(Object.entries(s))],
    ];
    for (const [what, out] of outputs) {
        assertNoLeak(out, what);
        if (what !== 'Object.entries')
            assert.match(out, /RootKey: redacted/, what);
    }
});
test('Secret bytes never appear in error messages or stacks', () => {
    const wrongSize = Secret.copyOf('RootKey', 32, BYTES);
    const errors = [];
    const capture = (fn) => {
        try {
            fn();
        }
        catch (e) {
            errors.push(e);
        }
    };
    capture(() => Secret.copyOf('ChainKey', 32, BYTES.subarray(0, 31)));
    capture(() => Secret.adopt('ChainKey', 16, Buffer.from(BYTES)));
    capture(() => aeadEncrypt(Secret.copyOf('HeaderKey', 16, BYTES.subarray(0, 16)), Buffer.alloc(24), Buffer.alloc(1)));
    capture(() => {
        wrongSize.wipe();
        wrongSize.expose();
    });
    capture(() => {
        // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- a careless caller
        throw new InvalidKeyError(`refused ${Secret.copyOf('MessageKey', 32, BYTES)}`);
    });
    assert.equal(errors.length, 5);
    for (const e of errors) {
        assert.ok(e instanceof InvalidKeyError, String(e));
        assertNoLeak(`${e.message}\n${e.stack ?? ''}\n${inspect(e)}`, e.message);
    }
});
test('wipe() zeroes the buffer a Secret adopted, and expose() then throws', () => {
    const buf = Buffer.from(BYTES);
    const s = Secret.adopt('MessageKey', 32, buf);
    assert.equal(s.expose(), buf, 'adopt takes ownership without copying');
    s.wipe();
    assert.ok(buf.every((b) => b === 0), 'adopted buffer not zeroed');
    assert.equal(s.wiped, true);
    assert.throws(() => s.expose(), InvalidKeyError);
    assert.throws(() => s.length, InvalidKeyError);
    s.wipe(); // idempotent
});
test('wipe() zeroes a copied Secret; the source, and clones, are separate memory', () => {
    const source = Buffer.from(BYTES);
    const s = Secret.copyOf('ChainKey', 32, source);
    const inner = s.expose();
    assert.notEqual(inner, source);
    const c = s.clone();
    assert.notEqual(c.expose(), inner);
    wipeAll(s, undefined, null);
    assert.ok(inner.every((b) => b === 0), 'internal buffer not zeroed');
    assert.deepEqual(source, BYTES, 'copyOf must leave the caller’s bytes alone');
    assert.deepEqual(c.expose(), BYTES, 'a clone must survive wiping the original');
});
test('a Secret adopting a view wipes exactly the viewed bytes', () => {
    const backing = Buffer.alloc(96, 0x55);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 32, 32);
    const s = Secret.adopt('HeaderKey', 32, view);
    s.wipe();
    assert.ok(backing.subarray(32, 64).every((b) => b === 0));
    assert.ok(backing.subarray(0, 32).every((b) => b === 0x55) && backing.subarray(64).every((b) => b === 0x55));
});
test('every key constructor rejects wrong lengths with InvalidKeyError and accepts the right one', () => {
    const constructors = [
        ['identityPublicKey', identityPublicKey, 32],
        ['dhPublicKey', dhPublicKey, 32],
        ['kemPublicKey', kemPublicKey, 1216],
        ['kemCiphertext', kemCiphertext, 1120],
        ['signature', signature, 64],
        ['identitySecretKey', identitySecretKey, 64],
        ['dhSecretKey', dhSecretKey, 32],
        ['kemSecretKey', kemSecretKey, 32],
        ['rootKey', rootKey, 32],
        ['chainKey', chainKey, 32],
        ['messageKey', messageKey, 32],
        ['headerKey', headerKey, 32],
        ['symmetricKey', symmetricKey, 32],
    ];
    for (const [name, make, n] of constructors) {
        for (const wrong of [0, 1, n - 1, n + 1, 2 * n])
            assert.throws(() => make(Buffer.alloc(wrong, 1)), InvalidKeyError, `${name}(${wrong} bytes)`);
        assert.doesNotThrow(() => make(Buffer.alloc(n, 1)), name);
    }
    assert.throws(() => Secret.adopt('RootKey', 32, Buffer.alloc(33)), InvalidKeyError);
    assert.throws(() => Secret.copyOf('RootKey', 32, Buffer.alloc(31)), InvalidKeyError);
});
test('public key constructors copy their input', () => {
    const src = Buffer.alloc(32, 7);
    const pk = dhPublicKey(src);
    src.fill(0);
    assert.ok(pk.every((b) => b === 7));
});
test('adopting public key constructors check the length and keep the given buffer (no copy)', () => {
    const fresh = Buffer.alloc(32, 7);
    assert.equal(adoptDhPublicKey(fresh), fresh);
    assert.equal(adoptIdentityPublicKey(fresh), fresh);
    const sig = Buffer.alloc(64, 1);
    assert.equal(adoptSignature(sig), sig);
    const ct = Buffer.alloc(XWING_CIPHERTEXT_BYTES);
    assert.equal(adoptKemCiphertext(ct), ct);
    assert.throws(() => adoptDhPublicKey(Buffer.alloc(31)), InvalidKeyError);
    assert.throws(() => adoptIdentityPublicKey(Buffer.alloc(33)), InvalidKeyError);
    assert.throws(() => adoptSignature(Buffer.alloc(32)), InvalidKeyError);
    assert.throws(() => adoptKemCiphertext(Buffer.alloc(32)), InvalidKeyError);
});
//# sourceMappingURL=secret.test.js.map