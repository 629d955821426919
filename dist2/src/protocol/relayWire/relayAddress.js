/**
 * Relay addresses (issue #4 §Transport security without certificate authorities).
 *
 *   wss://HOST:PORT/#FINGERPRINT   TLS; FINGERPRINT = base64url(SHA-256(certificate SubjectPublicKeyInfo DER))
 *   ws://127.0.0.1:PORT            plain, accepted only for a loopback host (tests, local demo)
 *
 * The fragment is never sent to the server; a client pins the relay's TLS key to it.
 */
import { X509Certificate } from 'node:crypto';
import { fromBase64Url, toBase64Url } from '../../crypto/bytes.js';
import { SaltlineError } from '../../crypto/errors.js';
import { sha256 } from '../../crypto/hash.js';
export const MAX_RELAY_ADDRESS_CHARS = 255;
export const FINGERPRINT_BYTES = 32;
export class RelayAddressError extends SaltlineError {
    constructor(message) {
        super('BAD_RELAY_ADDRESS', message);
    }
}
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
export function isLoopbackHost(host) {
    return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1';
}
export function parseRelayAddress(text) {
    if (text.length > MAX_RELAY_ADDRESS_CHARS)
        throw new RelayAddressError('relay address too long');
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new RelayAddressError('relay address is not a URL');
    }
    if (url.protocol !== 'wss:' && url.protocol !== 'ws:')
        throw new RelayAddressError('relay address must use wss:// or ws://');
    if (url.username !== '' || url.password !== '')
        throw new RelayAddressError('relay address must not carry credentials');
    if (url.pathname !== '/' || url.search !== '')
        throw new RelayAddressError('relay address must not have a path or query');
    const tls = url.protocol === 'wss:';
    // The URL parser drops a scheme's default port (443/80), so an empty port means that one.
    const port = url.port === '' ? (tls ? 443 : 80) : Number(url.port);
    let fingerprint;
    if (tls) {
        fingerprint = fromBase64Url(url.hash.slice(1));
        if (fingerprint?.length !== FINGERPRINT_BYTES)
            throw new RelayAddressError('wss:// relay address needs #<base64url SHA-256 key fingerprint>');
    }
    else {
        if (url.hash !== '')
            throw new RelayAddressError('ws:// relay address must not carry a fingerprint');
        if (!isLoopbackHost(url.hostname))
            throw new RelayAddressError('plain ws:// is allowed only on loopback');
    }
    const base = `${url.protocol}//${url.host}/`;
    const canonical = fingerprint ? `${base}#${toBase64Url(fingerprint)}` : `${url.protocol}//${url.host}`;
    return { text: canonical, url: base, tls, host: url.hostname, port, fingerprint };
}
export function formatRelayAddress(host, port, fingerprint) {
    const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    return parseRelayAddress(fingerprint ? `wss://${h}:${port}/#${toBase64Url(fingerprint)}` : `ws://${h}:${port}`).text;
}
/** SHA-256 of a certificate's SubjectPublicKeyInfo: pins the key, survives re-issuing the cert. */
export function spkiFingerprint(certificate) {
    const cert = certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
    const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
    return sha256(spki);
}
//# sourceMappingURL=relayAddress.js.map