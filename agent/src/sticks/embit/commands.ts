/**
 * Embit EMB-WMB169/868 (radio.md § 2.5; only source lvogt/ioBroker.wireless-mbus:
 * lib/receiver/{EbiMessage,EbiReceiver}.js and its Ebi.init-*.json mock transcripts). Data only.
 */

/** A reply is the request | 0x80; replies to requests with a payload start with a status (0 = OK). */
export const REPLY = 0x80;

export const MSG = {
  DEVICE_INFORMATION: 0x01,
  DEVICE_STATE: 0x04,
  RESET: 0x05,
  SAVE_SETTINGS: 0x08,
  OUTPUT_POWER: 0x10,
  OPERATING_CHANNEL: 0x11,
  ENERGY_SAVE: 0x13,
  NETWORK_AUTOMATED_SETTINGS: 0x24,
  NETWORK_START: 0x31,
  /** Received data notification. */
  RECEIVED_DATA: 0xe0,
} as const;

export const KNOWN_IDS: ReadonlySet<number> = new Set([...Object.values(MSG).flatMap((m) => [m, m | REPLY]), MSG.RECEIVED_DATA]);

/** DEVICE_STATE notification value meaning "ready" after a reset. */
export const STATE_READY = 0x10;

/** OPERATING_CHANNEL values; the module has no combined C+T channel. */
export const CHANNEL = { T1: 0x19, S1: 0x18, C1: 0x25 } as const;

/** RECEIVED_DATA option bits (u16 BE). */
export const OPTION = { RSSI: 0x8000, FRAME_B: 0x0010, TIMESTAMP: 0x0008 } as const;

/** Set-up after the reset, as ioB sends it; the channel step is filled in from the wanted link mode. */
export const SETUP_STEPS: Array<{ msg: number; payload: number[] | 'channel' }> = [
  { msg: MSG.OUTPUT_POWER, payload: [0x0f] },
  { msg: MSG.OPERATING_CHANNEL, payload: 'channel' },
  { msg: MSG.ENERGY_SAVE, payload: [0x00, 0x00] },
  { msg: MSG.NETWORK_AUTOMATED_SETTINGS, payload: [0x80, 0x00] },
  { msg: MSG.SAVE_SETTINGS, payload: [] },
  { msg: MSG.NETWORK_START, payload: [] },
];

/** Longest frame accepted; the u16 length could claim 64 KiB, a telegram needs < 300. */
export const MAX_FRAME = 300;
