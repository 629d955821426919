/**
 * QR codes for invitation links and safety numbers (issue 7, item 1), made in this process with the
 * `qrcode` package and sent to the UI as a module grid, which draws it as SVG: no image URL to
 * allow in the Content-Security-Policy and nothing rendered by a third party.
 */
import QRCode from 'qrcode';
/**
 * `level` L suits long payloads shown on a screen (an invitation link is ~2 KB: the X-Wing key),
 * where a smaller code scans better than more redundancy; M for short ones.
 */
export function qrMatrix(text, level = 'M') {
    const { size, data } = QRCode.create(text, { errorCorrectionLevel: level }).modules;
    const rows = [];
    for (let y = 0; y < size; y++) {
        let row = '';
        for (let x = 0; x < size; x++)
            row += data[y * size + x] ? '1' : '0';
        rows.push(row);
    }
    return { size, rows };
}
//# sourceMappingURL=qr.js.map