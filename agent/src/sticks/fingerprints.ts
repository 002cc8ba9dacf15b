import type { StickKind } from './types.js';

/**
 * USB fingerprints → stick kind + default serial options. Data only; a configured path (e.g.
 * /dev/serial/by-id/…) always wins over detection (radio.md § 9, "Clone sticks with other USB ids").
 * Several sticks share generic bridge chips (FTDI FT232R is used by Amber sticks and by some
 * nanoCULs), so a vid:pid can map to more than one kind: detection then has to ask the stick
 * (IMST ping, Amber FWV, culfw `V`), which is each driver's first init step anyway.
 */
export interface StickFingerprint {
  kind: StickKind;
  vendorId?: string; // lower-case hex, as serialport's list() reports it
  productId?: string;
  /** Case-insensitive pattern for the /dev/serial/by-id name or the USB manufacturer/product string. */
  namePattern?: RegExp;
  baudRate: number;
  /** Where the fact comes from. */
  source: string;
  note?: string;
}

export const STICK_FINGERPRINTS: readonly StickFingerprint[] = [
  {
    kind: 'im871a',
    vendorId: '10c4',
    productId: 'ea60',
    baudRate: 57600,
    source: 'radio.md § 2.0/§ 2.1 (CP210x bridge, 57600 8N1); wmbusmeters/wmbusmeters: src/wmbus_im871a.cc',
    note: 'Silicon Labs CP210x default ids: other CP210x gadgets share them, so the IMST ping confirms',
  },
  {
    kind: 'im871a',
    vendorId: '10c4',
    productId: '87ed',
    baudRate: 57600,
    source: 'radio.md § 2.1; ioB README; wmbusmeters/wmbusmeters#1055',
    note: '"RWE Smart Home" clone; needs a udev rule so that cp210x binds to it',
  },
  {
    kind: 'iu891a',
    namePattern: /iU891A|iM891A|iU893A/i,
    baudRate: 115200,
    source: 'radio.md § 2.2 (115200 8N1)',
    note: 'no public vid:pid in our sources: matched by the by-id/product name, or configure the path',
  },
  {
    kind: 'amber',
    vendorId: '0403',
    productId: '6001',
    namePattern: /amber|AMB8465|AMB8665|metis|AMB3665/i,
    baudRate: 9600,
    source: 'radio.md § 2.3 (9600 8N1); task brief (Amber FTDI 0403:6001)',
    note: 'FTDI FT232R default ids: shared with nanoCULs',
  },
  {
    kind: 'cul',
    vendorId: '03eb',
    productId: '204b',
    namePattern: /CUL/i,
    baudRate: 38400,
    source: 'radio.md § 2.4 (38400 typical, some builds 9600); task brief (busware CUL 03eb:204b, Atmel LUFA CDC)',
  },
  {
    kind: 'cul',
    vendorId: '0403',
    productId: '6001',
    namePattern: /NANO_CUL|nanoCUL/i,
    baudRate: 38400,
    source: 'zibous/ha-watermeter: docs/wmbusmeters-nano_cul.md (lsusb "0403:6001 FT232", by-id usb-SHK_NANO_CUL_868-if00-port0)',
  },
  {
    kind: 'rc1180',
    namePattern: /RC1180/i,
    baudRate: 19200,
    source: 'radio.md § 2.6 (19200)',
    note: 'no public vid:pid in our sources; configure the path',
  },
  {
    kind: 'embit',
    namePattern: /EMB-?WMB/i,
    baudRate: 9600,
    source: 'radio.md § 2.5 (9600)',
    note: 'no public vid:pid in our sources; configure the path',
  },
];

export interface UsbPortInfo {
  path?: string;
  vendorId?: string;
  productId?: string;
  manufacturer?: string;
  pnpId?: string;
}

/**
 * Candidate fingerprints for a port, best first: a name match beats a bare vid:pid match, because
 * generic bridge ids are shared. An empty list means "not a stick we know".
 */
export function matchFingerprints(port: UsbPortInfo): StickFingerprint[] {
  const vid = port.vendorId?.toLowerCase();
  const pid = port.productId?.toLowerCase();
  const names = [port.path, port.manufacturer, port.pnpId].filter(Boolean).join(' ');
  const scored = STICK_FINGERPRINTS.map((fp) => {
    const idMatch = fp.vendorId !== undefined && fp.vendorId === vid && fp.productId === pid;
    const nameMatch = fp.namePattern !== undefined && names.length > 0 && fp.namePattern.test(names);
    return { fp, score: (nameMatch ? 2 : 0) + (idMatch ? 1 : 0) };
  });
  return scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score).map((s) => s.fp);
}
