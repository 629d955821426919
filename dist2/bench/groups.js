/**
 * Group benchmark (issue #6 §Benchmark), in one process run:
 *   (a) the sender's cost of one group message (200-byte plaintext) in groups of 10, 100 and
 *       1,000 members, against one 1:1 `encryptMessage` on an established session, measured in
 *       interleaved runs (so drift on a shared machine hits both alike); the headline
 *       `send_1000_vs_1to1` is the median of the per-run ratios (target ≤ 2);
 *   (b) the receiver's cost per group message, for scale;
 *   (c) removing one member from 1,000: signing the change, a new sender key, and encrypting the
 *       resulting payloads with `encryptMessage` over 999 real, established 1:1 sessions
 *       (`remove_1_of_1000_ms`, target ≤ 2,000 ms of sender CPU; and the bytes sent).
 * Costs are process CPU time (all threads) unless marked wall. Every group message sent is also
 * decrypted (outside the sender's timing), the 1:1 session is checked before the runs, and a
 * member follows the removals and reads the newest key: a broken run cannot pass for a fast one.
 */
import { cryptoReady, systemRng } from '../src/crypto/index.js';
import { acceptInvitation, createIdentity, createInvitation, decryptMessage, encryptMessage, respondToInvitation, } from '../src/protocol/index.js';
import { changeGroup, createGroup, decryptGroupMessage, encryptGroupMessage, reassemble, receiveGroupPayload, serializeGroupParts, StaleChangeError, } from '../src/protocol/group/index.js';
import { median } from './lib/stats.js';
import { printTable } from './lib/table.js';
import { collectGarbage, timeWork } from './lib/timing.js';
const SIZES = [10, 100, 1000];
const MESSAGES = 5000;
const WARMUP_MESSAGES = 500;
const PLAINTEXT_BYTES = 200;
const RUNS = 7;
const REMOVALS = 3;
const REMOVAL_GROUP = 1000;
const TARGETS = { send_1000_vs_1to1: 2, remove_1_of_1000_ms: 2000 };
const rng = systemRng;
const HELLO = Buffer.of(1);
const round = (n, digits = 2) => Number(n.toFixed(digits));
function plaintextFor(i) {
    const b = Buffer.alloc(PLAINTEXT_BYTES, 0x61);
    b.writeUInt32BE(i);
    return b;
}
function expectSame(got, sent) {
    if (!Buffer.from(got).equals(sent))
        throw new Error('benchmark: a decrypted message differs from what was sent');
}
/** Both ends of a 1:1 session past the prekey stage (handshake and one reply), `inviter` inviting. */
function establishedPair(inviter, invitee) {
    const { invitation, secrets } = createInvitation(inviter, { address: Buffer.from('inviter'), rng });
    const first = encryptMessage(acceptInvitation(invitee, invitation, { address: Buffer.from('invitee'), rng }), HELLO, { rng });
    const responded = respondToInvitation(inviter, secrets, first.envelope, { rng });
    const reply = encryptMessage(responded.state, HELLO, { rng });
    const back = decryptMessage(first.state, reply.envelope, { rng });
    return { inviterSide: reply.state, inviteeSide: back.state };
}
const address = (i) => Buffer.from(`wss://relay.example.org/q/${i.toString().padStart(4, '0')}-${'k'.repeat(40)}`);
function receive(group, from, self, payload) {
    try {
        return receiveGroupPayload(group, from.publicIdentity.identityKey, payload, { rng, self: self.publicIdentity.identityKey });
    }
    catch (e) {
        if (e instanceof StaleChangeError)
            return null;
        throw e;
    }
}
const unitsFor = (outgoing, member) => outgoing.filter((o) => o.to.identity.identityKey.equals(member.publicIdentity.identityKey)).map((o) => o.payload);
/** A group of `members`, its creator as sender, and one member that joined from its welcome as receiver. */
function buildGroup(members) {
    const ids = Array.from({ length: members }, () => createIdentity(rng));
    const [creator, reader] = ids;
    const created = createGroup(creator, { name: `bench ${members}`, address: address(0), members: ids.slice(1).map((id, i) => ({ identity: id.publicIdentity, address: address(i + 1) })) }, { rng });
    const units = unitsFor(created.outgoing, reader);
    const joined = receive(null, creator, reader, units.length === 1 ? units[0] : reassemble(units));
    const parts = serializeGroupParts(created.group);
    return {
        members,
        sender: created.group,
        receiver: joined.group,
        welcomeBytes: units.reduce((n, u) => n + u.length, 0),
        recordBytes: parts.meta.length + (parts.ownSenderKey?.length ?? 0),
    };
}
async function oneToOneSend(session, messages) {
    let s = session;
    let bytes = 0;
    let last = Buffer.alloc(0);
    const pt = plaintextFor(0);
    const elapsed = await timeWork(() => {
        for (let i = 0; i < messages; i++) {
            pt.writeUInt32BE(i);
            const r = encryptMessage(s, pt, { rng });
            s = r.state;
            bytes += r.envelope.length;
            last = r.envelope;
        }
    });
    return { session: s, ...elapsed, bytes, last };
}
async function groupSend(g, messages) {
    const envelopes = [];
    const pt = plaintextFor(0);
    const elapsed = await timeWork(() => {
        for (let i = 0; i < messages; i++) {
            pt.writeUInt32BE(i);
            const r = encryptGroupMessage(g.sender, pt, { rng });
            g.sender = r.group;
            envelopes.push(r.envelope);
        }
    });
    return { ...elapsed, bytes: envelopes.reduce((n, e) => n + e.length, 0), envelopes };
}
async function groupReceive(g, envelopes) {
    const elapsed = await timeWork(() => {
        envelopes.forEach((e, i) => {
            const r = decryptGroupMessage(g.receiver, e);
            g.receiver = r.group;
            expectSame(r.plaintext.subarray(0, 4), plaintextFor(i).subarray(0, 4));
        });
    });
    return elapsed;
}
async function measureSends() {
    const pair = establishedPair(createIdentity(rng), createIdentity(rng));
    let session = pair.inviterSide;
    const groups = new Map(SIZES.map((n) => [n, buildGroup(n)]));
    const rows = new Map(SIZES.map((n) => [n, { groupUs: [], oneUs: [], ratio: [], wallRatio: [], receiveUs: [], groupWallUs: [], oneWallUs: [] }]));
    let envelopeBytes = 0;
    let oneEnvelopeBytes = 0;
    // The 1:1 session works (its peer reads a message); then both paths are warmed up.
    const check = await oneToOneSend(session, 1);
    expectSame(decryptMessage(pair.inviteeSide, check.last, { rng }).plaintext, plaintextFor(0));
    session = (await oneToOneSend(check.session, WARMUP_MESSAGES)).session;
    for (const g of groups.values())
        await groupReceive(g, (await groupSend(g, WARMUP_MESSAGES)).envelopes);
    for (let run = 0; run < RUNS; run++) {
        for (const n of SIZES) {
            const g = groups.get(n);
            const row = rows.get(n);
            collectGarbage();
            const one = await oneToOneSend(session, MESSAGES);
            session = one.session;
            oneEnvelopeBytes = one.bytes / MESSAGES;
            collectGarbage();
            const sent = await groupSend(g, MESSAGES);
            envelopeBytes = sent.bytes / MESSAGES;
            collectGarbage();
            const received = await groupReceive(g, sent.envelopes);
            const perMessage = (ms) => (ms * 1000) / MESSAGES;
            row.oneUs.push(perMessage(one.cpuMs));
            row.groupUs.push(perMessage(sent.cpuMs));
            row.ratio.push(sent.cpuMs / one.cpuMs);
            row.wallRatio.push(sent.wallMs / one.wallMs);
            row.receiveUs.push(perMessage(received.cpuMs));
            row.oneWallUs.push(perMessage(one.wallMs));
            row.groupWallUs.push(perMessage(sent.wallMs));
        }
    }
    return { rows, groups, envelopeBytes, oneEnvelopeBytes };
}
async function measureRemoval() {
    const setupStart = performance.now();
    const admin = createIdentity(rng);
    const members = Array.from({ length: REMOVAL_GROUP - 1 }, () => createIdentity(rng));
    const sessions = new Map();
    const memberSessions = new Map();
    for (const m of members) {
        const pair = establishedPair(admin, m);
        sessions.set(m.publicIdentity.identityKey.toString('hex'), pair.inviterSide);
        memberSessions.set(m.publicIdentity.identityKey.toString('hex'), pair.inviteeSide);
    }
    const created = createGroup(admin, { name: 'removal bench', address: address(0), members: members.map((m, i) => ({ identity: m.publicIdentity, address: address(i + 1) })) }, { rng });
    let group = created.group;
    // One member that follows along, to check that the removals' payloads and the new key work.
    const witness = members[0];
    const witnessKey = witness.publicIdentity.identityKey.toString('hex');
    let witnessGroup = receive(null, admin, witness, reassemble(unitsFor(created.outgoing, witness))).group;
    const setupSeconds = (performance.now() - setupStart) / 1000;
    const runs = [];
    for (let i = 0; i < REMOVALS; i++) {
        const removed = members[1 + i];
        let toWitness;
        let envelopes = 0;
        let bytesSent = 0;
        let payloadBytes = 0;
        let changeCpuMs = 0;
        collectGarbage();
        const elapsed = await timeWork(() => {
            const cpu0 = process.cpuUsage();
            const r = changeGroup(group, admin, [{ kind: 'remove', member: removed.publicIdentity.identityKey }], { rng });
            group = r.group;
            const cpu1 = process.cpuUsage(cpu0);
            changeCpuMs = (cpu1.user + cpu1.system) / 1000;
            for (const o of r.outgoing) {
                const k = o.to.identity.identityKey.toString('hex');
                const sealed = encryptMessage(sessions.get(k), o.payload, { rng });
                sessions.set(k, sealed.state);
                envelopes += 1;
                bytesSent += sealed.envelope.length;
                payloadBytes = Math.max(payloadBytes, o.payload.length);
                if (k === witnessKey)
                    toWitness = sealed.envelope;
            }
        });
        runs.push({ cpuMs: elapsed.cpuMs, wallMs: elapsed.wallMs, changeCpuMs, encryptCpuMs: elapsed.cpuMs - changeCpuMs, envelopes, bytesSent, payloadBytes });
        const opened = decryptMessage(memberSessions.get(witnessKey), toWitness, { rng });
        memberSessions.set(witnessKey, opened.state);
        witnessGroup = receive(witnessGroup, admin, witness, opened.plaintext).group;
    }
    // The witness reads a message under the admin's newest key; a removed member cannot.
    const check = encryptGroupMessage(group, plaintextFor(7), { rng });
    expectSame(decryptGroupMessage(witnessGroup, check.envelope).plaintext, plaintextFor(7));
    return { runs, setupSeconds };
}
export async function run() {
    await cryptoReady();
    const sends = await measureSends();
    const removal = await measureRemoval();
    const sizes = {};
    const tableRows = [];
    for (const n of SIZES) {
        const row = sends.rows.get(n);
        const g = sends.groups.get(n);
        sizes[String(n)] = {
            group_send_us: round(median(row.groupUs)),
            one_to_one_send_us: round(median(row.oneUs)),
            send_vs_1to1: round(median(row.ratio), 3),
            send_vs_1to1_wall: round(median(row.wallRatio), 3),
            group_send_wall_us: round(median(row.groupWallUs)),
            one_to_one_send_wall_us: round(median(row.oneWallUs)),
            receive_us: round(median(row.receiveUs)),
            ratio_runs: row.ratio.map((r) => round(r, 3)),
            welcome_bytes: g.welcomeBytes,
            record_bytes_without_received_keys: g.recordBytes,
        };
        tableRows.push([n, round(median(row.groupUs)), round(median(row.oneUs)), round(median(row.ratio), 2), round(median(row.wallRatio), 2), round(median(row.receiveUs)), g.welcomeBytes]);
    }
    printTable(`Group send vs 1:1 encryptMessage (CPU per message, ${PLAINTEXT_BYTES} B, median of ${RUNS} interleaved runs × ${MESSAGES.toLocaleString('en-US')})`, ['members', 'group send µs', '1:1 send µs', 'ratio (CPU)', 'ratio (wall)', 'group receive µs', 'welcome bytes'], tableRows);
    const r = removal.runs;
    const removeMs = median(r.map((x) => x.cpuMs));
    const bytesSent = median(r.map((x) => x.bytesSent));
    printTable(`Removing one member from ${REMOVAL_GROUP.toLocaleString('en-US')} (sender CPU; ${REMOVALS} removals in a row)`, ['run', 'total ms', 'wall ms', 'change + rekey ms', 'encrypt payloads ms', 'envelopes', 'bytes sent'], r.map((x, i) => [i + 1, round(x.cpuMs), round(x.wallMs), round(x.changeCpuMs), round(x.encryptCpuMs), x.envelopes, x.bytesSent]));
    const send1000 = round(median(sends.rows.get(1000).ratio), 3);
    const result = {
        send_1000_vs_1to1: send1000,
        send_1000_vs_1to1_wall: round(median(sends.rows.get(1000).wallRatio), 3),
        remove_1_of_1000_ms: round(removeMs),
        remove_1_of_1000_bytes_sent: bytesSent,
        targets: TARGETS,
        targets_met: send1000 <= TARGETS.send_1000_vs_1to1 && removeMs <= TARGETS.remove_1_of_1000_ms,
        sizes,
        remove_1_of_1000: {
            cpu_ms_runs: r.map((x) => round(x.cpuMs)),
            wall_ms_runs: r.map((x) => round(x.wallMs)),
            change_and_rekey_ms: round(median(r.map((x) => x.changeCpuMs))),
            encrypt_payloads_ms: round(median(r.map((x) => x.encryptCpuMs))),
            envelopes: r[0].envelopes,
            payload_bytes: r[0].payloadBytes,
            bytes_sent_runs: r.map((x) => x.bytesSent),
            setup_seconds: round(removal.setupSeconds, 1),
        },
        envelope_bytes: { group: sends.envelopeBytes, one_to_one: sends.oneEnvelopeBytes },
        workload: {
            plaintext_bytes: PLAINTEXT_BYTES,
            messages_per_run: MESSAGES,
            runs: RUNS,
            sizes: SIZES,
            removals: REMOVALS,
            note: 'costs are process CPU time (all threads) per message, so garbage collected on other threads counts; the _wall ratio compares wall-clock time instead; the 1:1 baseline is encryptMessage alone on an established session; removals run in a row on the same group (1,000, then 999, then 998 members)',
        },
    };
    console.log(`\nsend_1000_vs_1to1 = ${send1000} (target ≤ ${TARGETS.send_1000_vs_1to1}); remove_1_of_1000_ms = ${round(removeMs)} (target ≤ ${TARGETS.remove_1_of_1000_ms}); bytes sent ${bytesSent}`);
    return result;
}
//# sourceMappingURL=groups.js.map