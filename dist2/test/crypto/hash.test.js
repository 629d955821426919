import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blake2b, blake2bInto } from '../../src/crypto/index.js';
import { wasmSodium } from '../helpers/wasmSodium.js';
test('keyed BLAKE2b into a view writes exactly that view, and matches blake2b and the WASM libsodium', async () => {
    const wasm = await wasmSodium();
    const key = Buffer.alloc(32, 3);
    const input = Buffer.from('input');
    const frame = Buffer.alloc(100, 0xcc);
    blake2bInto(frame.subarray(10, 74), input, key);
    assert.deepEqual(frame.subarray(10, 74), blake2b(64, input, key));
    assert.deepEqual(frame.subarray(10, 74), Buffer.from(wasm.crypto_generichash(64, input, key)));
    assert.ok(frame.subarray(0, 10).every((b) => b === 0xcc) && frame.subarray(74).every((b) => b === 0xcc));
    const short = Buffer.alloc(32);
    blake2bInto(short, input, key);
    assert.deepEqual(short, blake2b(32, input, key));
});
//# sourceMappingURL=hash.test.js.map