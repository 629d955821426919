import type { QrMatrix } from './apiTypes.js';
/**
 * `level` L suits long payloads shown on a screen (an invitation link is ~2 KB: the X-Wing key),
 * where a smaller code scans better than more redundancy; M for short ones.
 */
export declare function qrMatrix(text: string, level?: 'L' | 'M'): QrMatrix;
