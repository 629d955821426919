/**
 * The invitation handshake (Saltline protocol §2): X3DH adapted to one-time invitations, hybrid
 * with X-Wing. The invitee (initiator) with identity IK_B and ephemeral EK_B, against the
 * inviter's identity DH key IK_A, one-time prekey OPK_A and one-time X-Wing key:
 *
 *   DH1 = DH(IK_B, OPK_A)   DH2 = DH(EK_B, IK_A)   DH3 = DH(EK_B, OPK_A)   (ct, ss) = Encaps(KEM_A)
 *   SK ‖ HK_A ‖ NHK_B = HKDF-SHA256(salt = 0³², ikm = 0xFF³² ‖ DH1 ‖ DH2 ‖ DH3 ‖ ss,
 *                                   info = "Saltline/v1/x3dh-xwing" ‖ SHA-256(transcript), 96)
 *
 * The KDF over every DH output and the KEM secret, with its own label, is what Trail of Bits
 * found missing in SimpleX's X3DH (2022). The initiator's identity and address travel sealed
 * under a key from DH3 and ss only, so the relay never sees who is connecting. The inviter's
 * prekey becomes its first ratchet key (RatchetInitBob), the initiator sends first
 * (RatchetInitAlice), and AD = SHA-256(label ‖ IK_B ‖ IK_A) binds every message to both identities.
 */
import { Secret, type SharedSecret } from '../crypto/index.js';
import { type Identity, type PublicIdentity } from './identity.js';
import type { Invitation, InvitationSecrets } from './invitation.js';
import { type Deps } from './messages.js';
import { type Session } from './session.js';
/** The secrets both sides derive; exported for known-answer tests. */
export interface HandshakeKeys {
    readonly rootKey: Secret<'RootKey'>;
    readonly headerKeyInitiator: Secret<'HeaderKey'>;
    readonly nextHeaderKeyResponder: Secret<'HeaderKey'>;
    readonly ad: Buffer;
}
interface Transcript {
    readonly invitationId: Uint8Array;
    readonly inviter: PublicIdentity;
    readonly prekey: Uint8Array;
    readonly kemKey: Uint8Array;
    readonly initiator: PublicIdentity;
    readonly ephemeral: Uint8Array;
    readonly kemCiphertext: Uint8Array;
}
export declare function deriveHandshakeKeys(dh1: SharedSecret, dh2: SharedSecret, dh3: SharedSecret, kemSecret: SharedSecret, t: Transcript): HandshakeKeys;
/**
 * The invitee's side: returns a session ready to send. Its first messages carry the prekey part,
 * which includes `deps.address` (where the inviter should reply), sealed.
 */
export declare function acceptInvitation(identity: Identity, invitation: Invitation, deps: Deps & {
    address: Uint8Array;
}): Session;
export interface Responded {
    readonly state: Session;
    readonly plaintext: Buffer;
    /** The initiator's verified public identity: pin it (or compare it with a pinned one). */
    readonly peer: PublicIdentity;
    /** Where the initiator receives (opaque to the protocol). */
    readonly peerAddress: Buffer;
}
/**
 * The inviter's side, on the first envelope for one of its invitations. Consumes `secrets` on
 * success (the one-time prekey becomes the first ratchet key and is wiped at the first DH step;
 * the KEM secret is wiped): the caller must then delete the stored invitation, so a second use is
 * refused. On failure nothing is consumed.
 */
export declare function respondToInvitation(identity: Identity, secrets: InvitationSecrets, envelopeBytes: Uint8Array, deps: Deps): Responded;
export {};
