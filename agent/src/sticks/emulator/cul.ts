import { addFrameACrcs, addFrameBCrcs } from '../dll-crc.js';
import { createCulParser } from '../cul/framing.js';
import type { EmulatorModel } from './emulator.js';

/** A culfw stick; `cMode: false` is stock firmware that does not know `brc`. */
export function culModel(options: { cMode?: boolean; frameB?: boolean; version?: string } = {}) {
  const parser = createCulParser();
  const state = { mode: '', reportFlags: '', requests: [] as string[] };
  const answer = (text: string) => Uint8Array.from(Buffer.from(text + '\r\n', 'latin1'));
  const model: EmulatorModel & { state: typeof state } = {
    kind: 'cul',
    state,
    startBytes: [0x62, 0x0a, 0x0d],
    receive(chunk) {
      const out: Uint8Array[] = [];
      for (const e of parser.feed(chunk)) {
        if (e.kind !== 'text') continue;
        const cmd = e.text.trim();
        state.requests.push(cmd);
        if (cmd === 'V') out.push(answer(options.version ?? 'V 1.67 nanoCUL868'));
        else if (cmd === 'brc') {
          if (options.cMode === false) out.push(answer('c1 is not supported for this cul device'));
          else out.push(answer((state.mode = 'CMODE')));
        } else if (cmd === 'brt') out.push(answer((state.mode = 'TMODE')));
        else if (cmd === 'brs') out.push(answer((state.mode = 'SMODE')));
        else if (cmd.startsWith('X')) state.reportFlags = cmd.slice(1);
      }
      return out;
    },
    indication: (telegram, rssiRaw) => {
      const frame = options.frameB ? addFrameBCrcs(telegram) : addFrameACrcs(telegram);
      const trailer = state.reportFlags === '21' ? Buffer.from([0x80, rssiRaw]).toString('hex') : '';
      return answer((options.frameB ? 'bY' : 'b') + Buffer.from(frame).toString('hex').toUpperCase() + trailer.toUpperCase());
    },
    corrupt: (line) => {
      const bad = Uint8Array.from(line);
      const i = 14; // a hex digit inside block 1 (after "b" + L + C + M): its CRC no longer matches
      bad[i] = bad[i] === 0x30 ? 0x31 : 0x30;
      return bad;
    },
    makeNoise: (bytes) => Uint8Array.from([...Array.from(bytes, (b) => 0x80 | b), 0x0d, 0x0a]),
  };
  return model;
}
