import { Reader } from '../codec/reader.js';
import { Writer } from '../codec/writer.js';
import { InvalidFrameError } from '../errors.js';
import { MAX_ASSEMBLED_PAYLOAD_BYTES, MAX_FRAGMENTS, MAX_PAYLOAD_UNIT_BYTES } from './limits.js';
import { GROUP_PAYLOAD_KIND, GROUP_PAYLOAD_VERSION } from './payload.js';
export const FRAGMENT_SET_ID_BYTES = 16;
const FRAGMENT_HEADER_BYTES = 2 + FRAGMENT_SET_ID_BYTES + 2 + 2 + 4;
const FRAGMENT_DATA_BYTES = MAX_PAYLOAD_UNIT_BYTES - FRAGMENT_HEADER_BYTES;
/** The units to send for `payload`: the payload itself when it fits, fragments otherwise. */
export function fragmentPayload(payload, rng) {
    if (payload.length <= MAX_PAYLOAD_UNIT_BYTES)
        return [payload];
    if (payload.length > MAX_ASSEMBLED_PAYLOAD_BYTES)
        throw new InvalidFrameError('group payload too large');
    const setId = rng(FRAGMENT_SET_ID_BYTES);
    const count = Math.ceil(payload.length / FRAGMENT_DATA_BYTES);
    const units = [];
    for (let index = 0; index < count; index++) {
        const data = payload.subarray(index * FRAGMENT_DATA_BYTES, (index + 1) * FRAGMENT_DATA_BYTES);
        units.push(new Writer().u8(GROUP_PAYLOAD_VERSION).u8(GROUP_PAYLOAD_KIND.fragment).raw(setId).u16(index).u16(count).bytes32(data).finish());
    }
    return units;
}
export function parseFragment(bytes) {
    if (bytes.length > MAX_PAYLOAD_UNIT_BYTES)
        throw new InvalidFrameError('fragment too large');
    const r = new Reader(bytes, 'group fragment');
    if (r.u8() !== GROUP_PAYLOAD_VERSION || r.u8() !== GROUP_PAYLOAD_KIND.fragment)
        throw new InvalidFrameError('not a group fragment');
    const setId = Buffer.from(r.raw(FRAGMENT_SET_ID_BYTES));
    const index = r.u16();
    const count = r.u16();
    if (count < 2 || count > MAX_FRAGMENTS || index >= count)
        throw new InvalidFrameError('group fragment: bad index or count');
    const data = Buffer.from(r.bytes32(FRAGMENT_DATA_BYTES));
    r.end();
    if (data.length === 0 || (index < count - 1 && data.length !== FRAGMENT_DATA_BYTES))
        throw new InvalidFrameError('group fragment: bad length');
    return { setId, index, count, data };
}
/**
 * The payload once every fragment of the set is present (duplicates are harmless), or null while
 * some are missing. Fragments of different sets or with conflicting contents are an error.
 */
export function reassemble(units) {
    const parts = new Map();
    let first;
    for (const u of units) {
        const f = parseFragment(u);
        first ??= f;
        if (!f.setId.equals(first.setId) || f.count !== first.count)
            throw new InvalidFrameError('group fragments from different sets');
        const seen = parts.get(f.index);
        if (seen && !seen.equals(f.data))
            throw new InvalidFrameError('group fragments disagree');
        parts.set(f.index, f.data);
    }
    if (!first || parts.size < first.count)
        return null;
    return Buffer.concat([...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d));
}
//# sourceMappingURL=fragment.js.map