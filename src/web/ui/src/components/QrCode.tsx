/** Draws a QR module grid (made server-side by src/web/qr.ts) as one SVG path. */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { QrMatrix } from '../../../apiTypes.js';

const QUIET = 4;

export function QrCode({ qr, label }: { qr: QrMatrix; label: string }): JSX.Element {
  const d = useMemo(() => {
    const parts: string[] = [];
    qr.rows.forEach((row, y) => {
      // One horizontal run per stretch of dark modules keeps the path short.
      for (let x = 0; x < row.length; ) {
        if (row[x] !== '1') {
          x++;
          continue;
        }
        let end = x;
        while (row[end] === '1') end++;
        parts.push(`M${x + QUIET} ${y + QUIET}h${end - x}v1h${x - end}z`);
        x = end;
      }
    });
    return parts.join('');
  }, [qr]);
  const size = qr.size + 2 * QUIET;
  return (
    <svg class="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
