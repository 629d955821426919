/**
 * The 1:1 content codec's `group` kind (issue 6: pairwise group payloads ride inside 1:1
 * messages): round trip, and strict refusal of malformed input (SECURITY-TESTS #18).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SaltlineError } from '../../src/crypto/errors.js';
import { decodeContent, encodeContent } from '../../src/protocol/content.js';
const id = Buffer.alloc(16, 7);
const invalid = (e) => e instanceof SaltlineError && e.code === 'INVALID_FRAME';
test('a group payload round-trips as its own content kind', () => {
    const c = { kind: 'group', id, sentAt: 1_700_000_000_000, payload: Buffer.from([1, 2, 3, 4]) };
    const bytes = encodeContent(c);
    assert.deepEqual(decodeContent(bytes), c);
    // Distinct from text: the same bytes with the text kind byte decode as text, never as a payload.
    const asText = Buffer.from(bytes);
    asText[1] = 1;
    assert.equal(decodeContent(asText).kind, 'text');
});
test('#18 empty, oversized, truncated or trailing-garbage group payloads are refused', () => {
    assert.throws(() => encodeContent({ kind: 'group', id, sentAt: 0, payload: Buffer.alloc(0) }), invalid);
    assert.throws(() => encodeContent({ kind: 'group', id, sentAt: 0, payload: Buffer.alloc(64 * 1024 + 1) }), invalid);
    const good = encodeContent({ kind: 'group', id, sentAt: 0, payload: Buffer.from('payload') });
    assert.throws(() => decodeContent(good.subarray(0, good.length - 1)), invalid);
    assert.throws(() => decodeContent(Buffer.concat([good, Buffer.from([0])])), invalid);
    // Header: version, kind, message id (16), sent-at (8); then the u32 length.
    const zeroLength = Buffer.concat([good.subarray(0, 26), Buffer.from([0, 0, 0, 0])]);
    assert.throws(() => decodeContent(zeroLength), invalid);
});
//# sourceMappingURL=content.test.js.map