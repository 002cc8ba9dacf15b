/**
 * A deliberately separate, minimal CBOR reader (RFC 8949 § 3) used by the contract tests to check the
 * golden bytes without trusting cbor-x: it reads only what the contract may contain and rejects anything
 * else (tags, indefinite lengths, non-minimal heads, non-text map keys, simple values other than
 * false/true/null), which is what "other languages can read it" means for this contract.
 * Byte strings come back as { bytes: 'HEX' } so the tests can compare them with the JSON debug form.
 */
export type Walked = number | string | boolean | null | { bytes: string } | Walked[] | { [key: string]: Walked };

export function walkCbor(data: Uint8Array): Walked {
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > data.length) throw new Error(`truncated at ${pos}`);
  };
  const head = (): { major: number; info: number; value: number } => {
    need(1);
    const byte = data[pos++]!;
    const major = byte >> 5;
    const info = byte & 0x1f;
    if (info < 24) return { major, info, value: info };
    const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (size === undefined) throw new Error(`additional info ${info} (indefinite or reserved) at ${pos - 1}`);
    need(size);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + data[pos++]!;
    if (major !== 7) {
      const minimal = value < 24 ? 0 : value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x100000000 ? 4 : 8;
      if (size !== minimal) throw new Error(`non-minimal length head at ${pos - size - 1}`);
    }
    return { major, info, value };
  };
  const item = (): Walked => {
    const start = pos;
    const { major, info, value } = head();
    switch (major) {
      case 0:
        return value;
      case 1:
        return -1 - value;
      case 2: {
        need(value);
        const hex = Buffer.from(data.subarray(pos, pos + value)).toString('hex').toUpperCase();
        pos += value;
        return { bytes: hex };
      }
      case 3: {
        need(value);
        const text = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(pos, pos + value));
        pos += value;
        return text;
      }
      case 4:
        return Array.from({ length: value }, () => item());
      case 5: {
        const out: { [key: string]: Walked } = {};
        for (let i = 0; i < value; i++) {
          const key = item();
          if (typeof key !== 'string') throw new Error(`map key at ${start} is not a text string`);
          if (key in out) throw new Error(`duplicate map key ${key}`);
          out[key] = item();
        }
        return out;
      }
      case 6:
        throw new Error(`tag ${value} at ${start}`);
      default: {
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        const view = new DataView(data.buffer, data.byteOffset + start + 1);
        if (info === 25) throw new Error('half-precision float');
        if (info === 26) return view.getFloat32(0);
        if (info === 27) return view.getFloat64(0);
        throw new Error(`simple value ${info} at ${start}`);
      }
    }
  };
  const result = item();
  if (pos !== data.length) throw new Error(`${data.length - pos} bytes after the item`);
  return result;
}

/** Replaces { bytes: HEX } by the hex string, i.e. the JSON debug form of the walked value. */
export function walkedToJson(value: Walked): unknown {
  if (Array.isArray(value)) return value.map(walkedToJson);
  if (value !== null && typeof value === 'object') {
    if ('bytes' in value && typeof value.bytes === 'string' && Object.keys(value).length === 1) return value.bytes;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walkedToJson(v as Walked)]));
  }
  return value;
}
