/**
 * `--explain`: every byte of a telegram with its layer and meaning (like wmbusmeters' --analyze).
 * Header layers are shown from the CRC-free telegram as received; records are shown decrypted.
 */
import { toHex } from '../util/hex.js';
import { removeDllCrcs } from './link.js';
import type { DecodedTelegram } from './decode.js';

export function explainTelegram(input: Uint8Array, decoded: DecodedTelegram): string {
  const clear = decoded.frame === 'wmbus' ? removeDllCrcs(input).telegram : input;
  const lines: string[] = [];
  lines.push(`${decoded.frame === 'wmbus' ? 'wireless M-Bus' : 'wired M-Bus'} telegram, ${clear.length} bytes${decoded.security === 'decrypted' ? ' (payload decrypted)' : ''}`);
  lines.push(`meter ${decoded.meter.manufacturer} ${decoded.meter.id} version 0x${decoded.meter.version.toString(16)} ${decoded.meter.deviceTypeName}`);
  const notes = [...(decoded.annotations ?? [])];
  for (const n of notes) {
    const hex = n.layer === 'apl' || n.layer === 'mfct' ? '' : toHex(clear.subarray(n.pos, n.pos + n.len));
    lines.push(`${String(n.pos).padStart(4)} +${String(n.len).padEnd(3)} ${n.layer.padEnd(4)} ${hex ? hex.padEnd(24) + ' ' : ''}${n.what}`);
  }
  if (decoded.manufacturerData) lines.push(`           mfct ${toHex(decoded.manufacturerData)}`);
  for (const w of decoded.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}
