/**
 * Protocol benchmark, side by side with libsignal (issue #2 §Benchmark): in one process run,
 * Saltline's 1:1 protocol and `@signalapp/libsignal-client` (PQXDH sessions, in-memory stores
 * that keep records serialized) do the same work on 200-byte messages, each serialized to wire
 * bytes and parsed back:
 *   (a) one direction, 10,000 messages: encrypt + serialize + parse + decrypt;
 *   (b) ping-pong, 2,000 round trips, so every message carries a DH ratchet step.
 * Saltline's loop loads and saves session state as bytes around every message, as libsignal's
 * stores do. Both sides start from an established session (handshake and one reply done, outside
 * the timing). Each side is warmed up, then measured three times (runs alternate between the two,
 * so drift on a shared machine hits both alike); the medians and the ratio ours/libsignal are
 * reported. The ratio uses wall-clock time. CPU-time rates (the whole process, all threads) are
 * recorded beside it: they do not count time spent descheduled on a busy machine, but they do
 * count V8's garbage collection on helper threads, so allocation-heavy code looks worse there.
 */
import { cryptoReady, systemRng } from '../src/crypto/index.js';
import { acceptInvitation, createIdentity, createInvitation, decryptMessage, deserializeSession, encryptMessage, respondToInvitation, serializeSession, } from '../src/protocol/index.js';
import { establishedSignalPair } from './lib/signal-party.js';
import { median } from './lib/stats.js';
import { printTable } from './lib/table.js';
import { collectGarbage, perSecond, timeWork } from './lib/timing.js';
const ONE_WAY_MESSAGES = 10_000;
const PING_PONG_ROUND_TRIPS = 2_000;
const PLAINTEXT_BYTES = 200;
const RUNS = 3;
const WARMUP_MESSAGES = 1_000;
const WARMUP_ROUND_TRIPS = 200;
const TARGETS = { oneway: 5, pingpong: 2.5 };
function measurement(messages, elapsed, wireBytes, sessionBytes) {
    return {
        msgsPerSecond: perSecond(messages, elapsed.wallMs),
        cpuMsgsPerSecond: perSecond(messages, elapsed.cpuMs),
        envelopeBytes: wireBytes / messages,
        sessionBytes,
    };
}
/** A distinct plaintext per message (a counter in the first bytes), same for both contenders. */
function stampedPlaintext() {
    const bytes = new Uint8Array(PLAINTEXT_BYTES);
    for (let i = 0; i < bytes.length; i++)
        bytes[i] = (i * 31 + 7) & 0xff;
    const view = new DataView(bytes.buffer);
    return { bytes, stamp: (i) => view.setUint32(0, i) };
}
/** Every delivered message is checked, so a broken run cannot pass for a fast one. */
function expectSame(got, sent) {
    if (!Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(sent)) {
        throw new Error('benchmark: a decrypted message differs from what was sent');
    }
}
/**
 * Saltline's two parties as stored session bytes, after the invitation handshake and one reply,
 * so both sides are past the prekey stage exactly like the libsignal pair.
 */
function establishedSaltlinePair() {
    const rng = systemRng;
    const hello = new Uint8Array([1]);
    const aliceIdentity = createIdentity(rng);
    const bobIdentity = createIdentity(rng);
    const { invitation, secrets } = createInvitation(aliceIdentity, { address: Buffer.from('alice'), rng });
    const first = encryptMessage(acceptInvitation(bobIdentity, invitation, { address: Buffer.from('bob'), rng }), hello, { rng });
    const responded = respondToInvitation(aliceIdentity, secrets, first.envelope, { rng });
    const reply = encryptMessage(responded.state, hello, { rng });
    const bob = decryptMessage(first.state, reply.envelope, { rng });
    return { alice: serializeSession(reply.state), bob: serializeSession(bob.state) };
}
/**
 * One message from `sender` to `receiver`, both given and returned as stored bytes: load, encrypt,
 * save on one side; load, parse + decrypt, save on the other (what libsignal's stores do).
 */
function saltlineDeliver(sender, receiver, plaintext) {
    const rng = systemRng;
    const sent = encryptMessage(deserializeSession(sender), plaintext, { rng });
    const nextSender = serializeSession(sent.state);
    const received = decryptMessage(deserializeSession(receiver), sent.envelope, { rng });
    expectSame(received.plaintext, plaintext);
    return { sender: nextSender, receiver: serializeSession(received.state), wireBytes: sent.envelope.length };
}
const saltline = {
    name: 'Saltline',
    async oneWay(messages) {
        let { alice, bob } = establishedSaltlinePair();
        const plaintext = stampedPlaintext();
        let wireBytes = 0;
        const elapsed = await timeWork(() => {
            for (let i = 0; i < messages; i++) {
                plaintext.stamp(i);
                const step = saltlineDeliver(alice, bob, plaintext.bytes);
                alice = step.sender;
                bob = step.receiver;
                wireBytes += step.wireBytes;
            }
        });
        return measurement(messages, elapsed, wireBytes, alice.length);
    },
    async pingPong(roundTrips) {
        let { alice, bob } = establishedSaltlinePair();
        const plaintext = stampedPlaintext();
        let wireBytes = 0;
        const elapsed = await timeWork(() => {
            for (let i = 0; i < roundTrips; i++) {
                plaintext.stamp(2 * i);
                const ping = saltlineDeliver(alice, bob, plaintext.bytes);
                plaintext.stamp(2 * i + 1);
                const pong = saltlineDeliver(ping.receiver, ping.sender, plaintext.bytes);
                bob = pong.sender;
                alice = pong.receiver;
                wireBytes += ping.wireBytes + pong.wireBytes;
            }
        });
        return measurement(2 * roundTrips, elapsed, wireBytes, alice.length);
    },
};
const libsignal = {
    name: 'libsignal 0.103.0',
    async oneWay(messages) {
        const { alice, bob } = await establishedSignalPair();
        const plaintext = stampedPlaintext();
        let wireBytes = 0;
        const elapsed = await timeWork(async () => {
            for (let i = 0; i < messages; i++) {
                plaintext.stamp(i);
                const wire = await alice.encrypt(bob.address, plaintext.bytes);
                wireBytes += wire.bytes.length;
                expectSame(await bob.decrypt(alice.address, wire), plaintext.bytes);
            }
        });
        return measurement(messages, elapsed, wireBytes, alice.sessionRecordSize(bob.address));
    },
    async pingPong(roundTrips) {
        const { alice, bob } = await establishedSignalPair();
        const plaintext = stampedPlaintext();
        let wireBytes = 0;
        const elapsed = await timeWork(async () => {
            for (let i = 0; i < roundTrips; i++) {
                plaintext.stamp(2 * i);
                const ping = await alice.encrypt(bob.address, plaintext.bytes);
                wireBytes += ping.bytes.length;
                expectSame(await bob.decrypt(alice.address, ping), plaintext.bytes);
                plaintext.stamp(2 * i + 1);
                const pong = await bob.encrypt(alice.address, plaintext.bytes);
                wireBytes += pong.bytes.length;
                expectSame(await alice.decrypt(bob.address, pong), plaintext.bytes);
            }
        });
        return measurement(2 * roundTrips, elapsed, wireBytes, alice.sessionRecordSize(bob.address));
    },
};
const SCENARIOS = [
    {
        key: 'oneway',
        label: `one-way, ${ONE_WAY_MESSAGES.toLocaleString('en-US')} × ${PLAINTEXT_BYTES} B`,
        measure: (c) => c.oneWay(ONE_WAY_MESSAGES),
        warmUp: (c) => c.oneWay(WARMUP_MESSAGES),
    },
    {
        key: 'pingpong',
        label: `ping-pong, ${PING_PONG_ROUND_TRIPS.toLocaleString('en-US')} round trips`,
        measure: (c) => c.pingPong(PING_PONG_ROUND_TRIPS),
        warmUp: (c) => c.pingPong(WARMUP_ROUND_TRIPS),
    },
];
function summarize(measurements) {
    const last = measurements[measurements.length - 1];
    const rates = measurements.map((m) => m.msgsPerSecond);
    return {
        runs: rates,
        msgsPerSecond: median(rates),
        cpuMsgsPerSecond: median(measurements.map((m) => m.cpuMsgsPerSecond)),
        envelopeBytes: last.envelopeBytes,
        sessionBytes: last.sessionBytes,
    };
}
async function compare(ours, reference) {
    const outcomes = {};
    for (const scenario of SCENARIOS) {
        await scenario.warmUp(reference);
        await scenario.warmUp(ours);
        const runs = { ours: [], reference: [] };
        for (let run = 0; run < RUNS; run++) {
            collectGarbage();
            runs.reference.push(await scenario.measure(reference));
            collectGarbage();
            runs.ours.push(await scenario.measure(ours));
        }
        outcomes[scenario.key] = { ours: summarize(runs.ours), reference: summarize(runs.reference) };
    }
    const { oneway, pingpong } = outcomes;
    if (!oneway || !pingpong)
        throw new Error('benchmark: a scenario did not run');
    return { oneway, pingpong };
}
const round = (value, digits = 0) => Number(value.toFixed(digits));
const ratio = (c) => round(c.ours.msgsPerSecond / c.reference.msgsPerSecond, 3);
const cpuRatio = (c) => round(c.ours.cpuMsgsPerSecond / c.reference.cpuMsgsPerSecond, 3);
export async function run() {
    await cryptoReady();
    const outcomes = await compare(saltline, libsignal);
    const { oneway, pingpong } = outcomes;
    printTable(`Protocol: ${saltline.name} vs ${libsignal.name} (median of ${RUNS} runs; µs per message = encrypt+serialize+parse+decrypt)`, ['scenario', 'ours msg/s', 'ours µs', 'libsignal msg/s', 'libsignal µs', 'ratio', 'target', 'met', 'CPU-time ratio'], SCENARIOS.map((scenario) => {
        const c = outcomes[scenario.key];
        const r = ratio(c);
        return [
            scenario.label,
            round(c.ours.msgsPerSecond),
            1e6 / c.ours.msgsPerSecond,
            round(c.reference.msgsPerSecond),
            1e6 / c.reference.msgsPerSecond,
            `${r}×`,
            `≥ ${TARGETS[scenario.key]}×`,
            r >= TARGETS[scenario.key] ? 'yes' : 'NO',
            `${cpuRatio(c)}×`,
        ];
    }));
    printTable('Sizes (bytes)', ['what', 'ours', 'libsignal'], [
        ['message on the wire, one-way (avg)', oneway.ours.envelopeBytes, oneway.reference.envelopeBytes],
        ['message on the wire, ping-pong (avg)', pingpong.ours.envelopeBytes, pingpong.reference.envelopeBytes],
        ['session record after one-way (sender)', oneway.ours.sessionBytes, oneway.reference.sessionBytes],
        ['session record after ping-pong (sender)', pingpong.ours.sessionBytes, pingpong.reference.sessionBytes],
    ]);
    return {
        oneway_ratio: ratio(oneway),
        pingpong_ratio: ratio(pingpong),
        targets: { oneway_ratio: TARGETS.oneway, pingpong_ratio: TARGETS.pingpong },
        targets_met: ratio(oneway) >= TARGETS.oneway && ratio(pingpong) >= TARGETS.pingpong,
        ours_oneway_msgs_per_s: round(oneway.ours.msgsPerSecond),
        libsignal_oneway_msgs_per_s: round(oneway.reference.msgsPerSecond),
        ours_pingpong_msgs_per_s: round(pingpong.ours.msgsPerSecond),
        libsignal_pingpong_msgs_per_s: round(pingpong.reference.msgsPerSecond),
        runs_msgs_per_s: {
            ours_oneway: oneway.ours.runs.map((r) => round(r)),
            libsignal_oneway: oneway.reference.runs.map((r) => round(r)),
            ours_pingpong: pingpong.ours.runs.map((r) => round(r)),
            libsignal_pingpong: pingpong.reference.runs.map((r) => round(r)),
        },
        cpu_time: {
            oneway_ratio: cpuRatio(oneway),
            pingpong_ratio: cpuRatio(pingpong),
            ours_oneway_msgs_per_cpu_s: round(oneway.ours.cpuMsgsPerSecond),
            libsignal_oneway_msgs_per_cpu_s: round(oneway.reference.cpuMsgsPerSecond),
            ours_pingpong_msgs_per_cpu_s: round(pingpong.ours.cpuMsgsPerSecond),
            libsignal_pingpong_msgs_per_cpu_s: round(pingpong.reference.cpuMsgsPerSecond),
        },
        ours_envelope_bytes_avg: round(oneway.ours.envelopeBytes, 1),
        libsignal_envelope_bytes_avg: round(oneway.reference.envelopeBytes, 1),
        ours_pingpong_envelope_bytes_avg: round(pingpong.ours.envelopeBytes, 1),
        libsignal_pingpong_envelope_bytes_avg: round(pingpong.reference.envelopeBytes, 1),
        ours_session_bytes_oneway: oneway.ours.sessionBytes,
        libsignal_session_bytes_oneway: oneway.reference.sessionBytes,
        ours_session_bytes_pingpong: pingpong.ours.sessionBytes,
        libsignal_session_bytes_pingpong: pingpong.reference.sessionBytes,
        workload: {
            plaintext_bytes: PLAINTEXT_BYTES,
            oneway_messages: ONE_WAY_MESSAGES,
            pingpong_round_trips: PING_PONG_ROUND_TRIPS,
            runs: RUNS,
            ratio: 'median wall-clock msg/s of ours over that of libsignal; runs alternate between the two',
            session_bytes: "the sender's stored session after the run (libsignal: SessionRecord.serialize())",
            envelope_bytes: 'libsignal: CiphertextMessage.serialize() (its message type travels beside it); ours: the whole padded envelope',
        },
    };
}
//# sourceMappingURL=protocol.js.map