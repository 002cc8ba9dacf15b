/**
 * IMST iU891A-XL (also iM891A, iU893A) SLIP HCI command table (radio.md § 2.2;
 * wmbusmeters/wmbusmeters: src/wmbus_iu891a.h; lvogt/ioBroker.wireless-mbus: lib/receiver/HciMessageV2.js). Data only.
 */

export const SLIP = { END: 0xc0, ESC: 0xdb, ESC_END: 0xdc, ESC_ESC: 0xdd } as const;

export const SAP = { DEVMGMT: 0x01, WMBUSGW: 0x09 } as const;

/** Requests; the response id is request + 1 and starts with a status byte (0 = OK). */
export const DEVMGMT = { PING: 0x01, DEVICE_INFO: 0x03, FW_INFO: 0x05, RESTART: 0x07 } as const;
export const WMBUSGW = { GET_ACTIVE_CONFIG: 0x01, SET_ACTIVE_CONFIG: 0x03, RX_MESSAGE_IND: 0x20 } as const;

/** Active-config link modes (wmbusmeters/wmbusmeters#2077). C/T = 3 hears C1 and T1. */
export const LINK_MODE_CODE = { off: 0, S1: 1, T1: 2, 'C1+T1': 3, C1: 5 } as const;

/** Active-config option bits (u16 LE at config bytes 1–2). */
export const OPTION = { ONLY_LISTED_DEVICES: 0x0001, RX_INDICATION: 0x0002, TX_INDICATION: 0x0004 } as const;

/** ioB treats a frame-format byte ≥ 20 as frame B (radio.md § 2.2). */
export const FRAME_B_FROM = 20;

/** Where the RX_MESSAGE_IND fields sit in the payload (no status byte in indications). */
export const RX_IND = { TIMESTAMP: 0, FRAME_FORMAT: 6, RSSI: 7, TELEGRAM: 8 } as const;
