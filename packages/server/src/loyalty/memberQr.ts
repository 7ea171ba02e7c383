import { correction, generate } from 'lean-qr';
import type { MemberToken } from '@rapport/core/schemas';

/**
 * Draws the member QR code on the server, so no QR encoder ships to browsers: an SVG path of the dark
 * modules on a `size`×`size` grid (no quiet zone; the widget adds it), one rectangle per horizontal run.
 * At least correction level M (~15%), so a scuffed or dim phone screen still scans.
 */
export function memberQr(token: string): MemberToken['qr'] {
  const code = generate(token, { minCorrectionLevel: correction.M });
  let path = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; ) {
      let run = 0;
      while (x + run < code.size && code.get(x + run, y)) run++;
      if (run > 0) path += `M${x} ${y}h${run}v1h-${run}z`;
      x += run || 1;
    }
  }
  return { size: code.size, path };
}
