/**
 * The relay's TLS identity without certificate authorities (issue #4 §Transport security): a
 * P-256 key pair and self-signed certificate made at first start and kept in the data folder.
 * Clients pin the SHA-256 of its SubjectPublicKeyInfo, carried in the relay address.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { spkiFingerprint } from '../protocol/relayWire/relayAddress.js';
export const TLS_KEY_FILE = 'relay-tls-key.pem';
export const TLS_CERT_FILE = 'relay-tls-cert.pem';
async function readIfExists(path) {
    try {
        return await readFile(path, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
}
export async function loadOrCreateTlsIdentity(dataDir) {
    const keyPath = join(dataDir, TLS_KEY_FILE);
    const certPath = join(dataDir, TLS_CERT_FILE);
    let key = await readIfExists(keyPath);
    let cert = await readIfExists(certPath);
    if (key === undefined || cert === undefined) {
        const now = new Date();
        const made = await generate([{ name: 'commonName', value: 'saltline-relay' }], {
            keyType: 'ec',
            curve: 'P-256',
            algorithm: 'sha256',
            notBeforeDate: new Date(now.getTime() - 24 * 3600 * 1000),
            notAfterDate: new Date(now.getTime() + 20 * 365 * 24 * 3600 * 1000),
        });
        key = made.private;
        cert = made.cert;
        // The key first and exclusively: a crash between the two writes leaves no cert without its key.
        await writeFile(keyPath, key, { mode: 0o600 });
        await writeFile(certPath, cert, { mode: 0o644 });
    }
    return { key, cert, fingerprint: spkiFingerprint(cert) };
}
//# sourceMappingURL=tlsIdentity.js.map