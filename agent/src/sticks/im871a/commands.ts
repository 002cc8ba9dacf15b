/**
 * IMST iM871A / iM170A "WMBus HCI" v1 command table (radio.md § 2.1; wmbusmeters/wmbusmeters:
 * src/wmbus_im871a.h; lvogt/ioBroker.wireless-mbus: lib/receiver/HciMessage.js). Data only.
 */

export const START = 0xa5;

/** High nibble of the control byte. Bit 0x10 is reserved (a framing error). */
export const CTRL = { TIMESTAMP: 0x20, RSSI: 0x40, CRC: 0x80, RESERVED: 0x10 } as const;

export const ENDPOINT = { DEVMGMT: 0x01, RADIOLINK: 0x02, RADIOLINKTEST: 0x03, HWTEST: 0x04 } as const;

/** Highest message id per endpoint; anything else after an A5 is treated as noise. */
export const MAX_MESSAGE_ID: Record<number, number> = { 0x01: 0x27, 0x02: 0x05, 0x03: 0x07, 0x04: 0x07 };

/** DEVMGMT requests; the response id is request + 1. */
export const DEVMGMT = {
  PING: 0x01,
  SET_CONFIG: 0x03,
  GET_CONFIG: 0x05,
  RESET: 0x07,
  GET_DEVICEINFO: 0x0f,
  GET_FWINFO: 0x13,
} as const;

export const RADIOLINK = { WMBUSMSG_IND: 0x03 } as const;

export const MODULE_TYPE: Record<number, string> = { 0x33: 'iM871A', 0x36: 'iM170A' };

/** Link-mode codes (SET_CONFIG IIFlag1 bit 0x02). C1 uses C1b like wmbusmeters. */
export const LINK_MODE_CODE = {
  S1: 0x00, S1m: 0x01, S2: 0x02, T1: 0x03, T2: 0x04, R2: 0x05,
  C1a: 0x06, C1: 0x07, C2a: 0x08, C2b: 0x09, 'C1+T1': 0x0a,
} as const;
export type ImstLinkMode = keyof typeof LINK_MODE_CODE;

/**
 * C1+T1 (0x0A) needs newer firmware: 0x13 = C or T only; 0x14/0x15 = C+T possible (radio.md § 2.1,
 * wmbusmeters/wmbusmeters#309). We trust 0x14 and fall back to one mode below it.
 */
export const C1T1_MIN_FIRMWARE = 0x14;

/**
 * SET_CONFIG payload: RAM only, IIFlag1 = device mode + link mode, collector, <mode>,
 * IIFlag2 = 0x38 (auto power saving, RSSI, timestamp), power saving off, RSSI on, timestamp off.
 * The merged choice of radio.md § 2.1.
 */
export const setConfigPayload = (mode: number, rssi = true): Uint8Array =>
  Uint8Array.of(0x00, 0x03, 0x00, mode, 0x38, 0x00, rssi ? 0x01 : 0x00, 0x00);
