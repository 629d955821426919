/**
 * Invitations (Saltline protocol §2): how a contact is made with no directory server. The
 * inviter shares a link (or its QR code) carrying its public identity, a one-time X25519 prekey,
 * a one-time X-Wing public key and its opaque delivery address, all signed by its identity key.
 * The one-time secrets stay with the inviter and are deleted when the invitation is used.
 */
import { type DhKeyPair, type DhPublicKey, type KemKeyPair, type KemPublicKey, type Rng, type Signature } from '../crypto/index.js';
import { type Identity, type PublicIdentity } from './identity.js';
export declare const INVITATION_VERSION = 1;
export declare const INVITATION_ID_BYTES = 16;
export declare const INVITATION_LINK_PREFIX = "saltline:";
export interface Invitation {
    readonly invitationId: Buffer;
    readonly inviter: PublicIdentity;
    readonly prekey: DhPublicKey;
    readonly kemKey: KemPublicKey;
    /** Where the inviter receives: opaque here, a relay queue address to the transport. */
    readonly address: Buffer;
    readonly signature: Signature;
}
/** What the inviter keeps (encrypted in its store) until the invitation is used. */
export interface InvitationSecrets {
    readonly invitationId: Buffer;
    readonly prekey: DhKeyPair;
    readonly kem: KemKeyPair;
}
export declare function createInvitation(identity: Identity, deps: {
    address: Uint8Array;
    rng: Rng;
}): {
    invitation: Invitation;
    secrets: InvitationSecrets;
};
export declare function encodeInvitation(i: Invitation): Buffer;
/** Parses and verifies an invitation; any defect is an `InvalidFrameError` or a signature/key error. */
export declare function decodeInvitation(bytes: Uint8Array): Invitation;
export declare function invitationToLink(i: Invitation): string;
export declare function invitationFromLink(link: string): Invitation;
export declare function serializeInvitationSecrets(s: InvitationSecrets): Buffer;
export declare function deserializeInvitationSecrets(bytes: Uint8Array): InvitationSecrets;
export declare function wipeInvitationSecrets(s: InvitationSecrets): void;
