/**
 * The byte codecs under every wire and state format (Saltline protocol §5): the writer's growing
 * and trimming leave no stray copies of what it wrote, and slab-carved buffers start zeroed and
 * never overlap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reader } from '../../src/protocol/codec/reader.js';
import { Slab } from '../../src/protocol/codec/slab.js';
import { Writer } from '../../src/protocol/codec/writer.js';
import { InvalidFrameError } from '../../src/protocol/index.js';
test('Writer into an exactly sized buffer returns that buffer without a copy', () => {
    const target = Buffer.alloc(7);
    const out = new Writer(target).u8(1).u16(0x0203).u32(0x04050607).finish();
    assert.equal(out, target);
    assert.deepEqual(out, Buffer.of(1, 2, 3, 4, 5, 6, 7));
});
test('Writer grows past its buffer and wipes the one it outgrew; trimming wipes the working buffer', () => {
    const target = Buffer.alloc(4);
    const secretish = Buffer.alloc(40, 0xab);
    const w = new Writer(target).u16(0xffff).raw(secretish).u8(9);
    assert.ok(target.every((b) => b === 0), 'the outgrown buffer still holds written bytes');
    const out = w.finish();
    assert.deepEqual(out, Buffer.concat([Buffer.of(0xff, 0xff), secretish, Buffer.of(9)]));
    const roomy = Buffer.alloc(64);
    const trimmed = new Writer(roomy).raw(secretish).finish();
    assert.deepEqual(trimmed, secretish);
    assert.notEqual(trimmed.buffer, roomy.buffer);
    assert.ok(roomy.every((b) => b === 0), 'the over-sized working buffer still holds written bytes');
});
test('Reader integers and lengths are bounds-checked: short input is InvalidFrameError', () => {
    const r = new Reader(Buffer.of(1, 0, 2, 0, 0, 0), 'test');
    assert.equal(r.u8(), 1);
    assert.equal(r.u16(), 2);
    assert.throws(() => r.u32(), InvalidFrameError);
    assert.throws(() => new Reader(Buffer.of(0, 5, 1), 'test').bytes16(), InvalidFrameError);
    assert.throws(() => new Reader(Buffer.of(0, 5, 1, 2, 3, 4, 5), 'test').bytes16(4), InvalidFrameError);
    const trailing = new Reader(Buffer.of(1, 2), 'test');
    trailing.u8();
    assert.throws(() => trailing.end(), InvalidFrameError);
});
test('Slab buffers start zeroed, never overlap, and large requests get their own memory', () => {
    const slab = new Slab();
    const taken = Array.from({ length: 300 }, (_, i) => slab.take(1 + ((i * 37) % 700)));
    for (const [i, b] of taken.entries()) {
        assert.ok(b.every((x) => x === 0), 'a carved buffer was not zeroed');
        b.fill(i & 0xff);
    }
    for (const [i, b] of taken.entries())
        assert.ok(b.every((x) => x === (i & 0xff)), `buffer ${i} overlaps another`);
    const large = slab.take(8192);
    assert.equal(large.byteOffset, 0);
    assert.equal(large.buffer.byteLength, 8192);
});
//# sourceMappingURL=codec.test.js.map