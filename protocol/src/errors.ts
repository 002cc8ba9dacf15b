/**
 * The one catalogue of decoding errors. Codes are stable: other programs (the agent's counters,
 * the collector, billing exports) key on them, so a code is never renamed or reused.
 * Grouped by layer like zwave-js' ZWaveErrorCodes; every entry says what a user can do about it.
 */
export const ERROR_CATALOGUE = {
  // input
  INPUT_HEX: { layer: 'input', message: 'input is not an even-length hex string' },
  INPUT_KEY: { layer: 'input', message: 'key must be 32 hex characters (AES-128) or 16 (DES, security mode 2)' },
  // link layer (wireless EN 13757-4, wired EN 13757-2)
  LINK_TRUNCATED: { layer: 'link', message: 'telegram shorter than its header or its L-field says' },
  LINK_LENGTH: { layer: 'link', message: 'L-field does not match the number of bytes' },
  LINK_CRC: { layer: 'link', message: 'a data link layer block CRC does not verify' },
  LINK_CHECKSUM: { layer: 'link', message: 'wired M-Bus frame checksum does not verify' },
  LINK_FRAME: { layer: 'link', message: 'not a wired M-Bus frame (start, stop or length bytes wrong)' },
  LINK_NO_DATA: { layer: 'link', message: 'frame carries no application data (ACK or short frame)' },
  // extended link layer, authentication and fragmentation layer
  ELL_TRUNCATED: { layer: 'ell', message: 'extended link layer header truncated' },
  ELL_UNSUPPORTED: { layer: 'ell', message: 'extended link layer variant or encryption not supported' },
  AFL_TRUNCATED: { layer: 'afl', message: 'authentication and fragmentation layer truncated' },
  AFL_FRAGMENTED: { layer: 'afl', message: 'fragmented telegram (more fragments follow) is not reassembled' },
  // transport layer
  TPL_TRUNCATED: { layer: 'tpl', message: 'transport layer header truncated' },
  TPL_UNKNOWN_CI: { layer: 'tpl', message: 'CI field not known' },
  // security
  KEY_MISSING: { layer: 'security', message: 'telegram is encrypted and no key is configured for this meter' },
  KEY_WRONG: { layer: 'security', message: 'decryption failed the integrity check: the key is wrong' },
  MAC_MISMATCH: { layer: 'security', message: 'AFL message authentication code does not match: wrong key or tampered telegram' },
  SECURITY_UNSUPPORTED: { layer: 'security', message: 'security mode not supported' },
  ENCRYPTED_LENGTH: { layer: 'security', message: 'encrypted part is not a whole number of AES blocks or longer than the payload' },
  // application layer
  COMPACT_FORMAT_UNKNOWN: { layer: 'apl', message: 'compact frame format signature not known yet: a full frame of this meter is needed first' },
  COMPACT_CRC: { layer: 'apl', message: 'compact frame full-frame CRC does not match the reconstructed records' },
  RECORD_TRUNCATED: { layer: 'apl', message: 'data record runs past the end of the payload' },
  RECORD_INVALID: { layer: 'apl', message: 'data record header is not valid' },
  // drivers
  DRIVER_PAYLOAD: { layer: 'driver', message: 'manufacturer-specific payload could not be decoded' },
} as const satisfies Record<string, { layer: string; message: string }>;

export type WmbusErrorCode = keyof typeof ERROR_CATALOGUE;

export class WmbusError extends Error {
  override readonly name = 'WmbusError';
  readonly code: WmbusErrorCode;
  readonly layer: string;
  /** Byte offset in the telegram where the problem was found, when known. */
  readonly offset?: number;

  constructor(code: WmbusErrorCode, detail?: string, offset?: number) {
    const entry = ERROR_CATALOGUE[code];
    super(detail ? `${entry.message}: ${detail}` : entry.message);
    this.code = code;
    this.layer = entry.layer;
    if (offset !== undefined) this.offset = offset;
  }

  /**
   * An error returned as data rather than thrown (e.g. a record walk that stopped early): built without a
   * stack trace, whose capture costs more than decoding a whole telegram.
   */
  static quiet(code: WmbusErrorCode, detail?: string, offset?: number): WmbusError {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new WmbusError(code, detail, offset);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  toJSON(): { code: WmbusErrorCode; layer: string; message: string; offset?: number } {
    return { code: this.code, layer: this.layer, message: this.message, ...(this.offset !== undefined ? { offset: this.offset } : {}) };
  }
}

export const isWmbusError = (e: unknown): e is WmbusError => e instanceof WmbusError;
