/**
 * Domain-separation labels (Saltline protocol §Labels). Every signature and KDF in the protocol
 * uses its own label, so no value made for one purpose is accepted for another.
 */
const label = (s) => Buffer.from(`Saltline/v1/${s}`, 'utf8');
export const LABELS = {
    identityDh: label('identity-dh'),
    invitation: label('invitation'),
    handshake: label('x3dh-xwing'),
    initiatorSeal: label('initiator-identity'),
    rootRatchet: label('root-ratchet'),
    sessionAd: label('session-ad'),
    safetyNumber: label('safety-number'),
};
//# sourceMappingURL=labels.js.map