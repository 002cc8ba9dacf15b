/**
 * Amber / Würth AMB8465-M, AMB8665-M, Metis-II (868 MHz) and AMB3665 (169 MHz) command mode
 * (radio.md § 2.3; wmbusmeters/wmbusmeters: src/wmbus_amb8465.h; lvogt/ioBroker.wireless-mbus:
 * lib/receiver/AmberMessage.js; Amber AMB8426/8626 manual "Command Mode"). Data only.
 */

export const START = 0xff;
/** A reply is the request command | 0x80. */
export const REPLY = 0x80;

export const CMD = {
  DATA_REQ: 0x00,
  DATARETRY: 0x02,
  DATA_IND: 0x03,
  SET_MODE_REQ: 0x04,
  RESET: 0x05,
  SET_CHANNEL: 0x06,
  SET_REQ: 0x09,
  GET_REQ: 0x0a,
  SERIALNO: 0x0b,
  FWV: 0x0c,
  RSSI: 0x0d,
  SETUARTSPEED: 0x10,
  FACTORYRESET: 0x11,
  PRELOAD: 0x30,
  PRELOAD_2: 0x31,
  AES_SET_KEY: 0x50,
  AES_DEL_KEY: 0x51,
  AES_GET_KEY: 0x52,
} as const;

export const KNOWN_COMMANDS: ReadonlySet<number> = new Set(Object.values(CMD).flatMap((c) => [c, c | REPLY]));

/** Non-volatile parameters the init sequence reads and corrects (radio.md § 9, "Amber auto-sleep"). */
export const PARAM = {
  // RSSI first: until it is known, a DATA_IND cannot be split into telegram and RSSI byte
  RSSI_ENABLE: { address: 0x45, want: 1 },
  UART_CMD_OUT_ENABLE: { address: 0x05, want: 1 },
  AUTO_SLEEP: { address: 0x3f, want: 0 },
} as const;

/** SET_MODE_REQ receive codes (wmbusmeters LIST_OF_AMBER_8465_8336_LINK_MODES). The "Other" roles hear meters. */
export const LINK_MODE_CODE = { S1: 0x03, T1: 0x08, C1: 0x0e, 'C1+T1': 0x09 } as const;

/** After a reset the stick needs this long before it takes commands (ioB). */
export const RESET_SETTLE_MS = 500;
