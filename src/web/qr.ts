/**
 * QR codes for invitation links and safety numbers (issue 7, item 1), made in this process with the
 * `qrcode` package and sent to the UI as a module grid, which draws it as SVG: no image URL to
 * allow in the Content-Security-Policy and nothing rendered by a third party.
 */
import QRCode from 'qrcode';
import type { QrMatrix } from './apiTypes.js';

export function qrMatrix(text: string): QrMatrix {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const rows: string[] = [];
  for (let y = 0; y < size; y++) {
    let row = '';
    for (let x = 0; x < size; x++) row += data[y * size + x] ? '1' : '0';
    rows.push(row);
  }
  return { size, rows };
}
