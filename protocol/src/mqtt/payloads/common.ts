/** Building blocks shared by several payloads. */
import { literal, object, optional, string, type Infer } from '../schema.js';

/**
 * Schema version carried by every payload as `v`. It changes only for a breaking change, which the
 * additive-only rule (../index.ts) forbids, so a reader refuses any other value (PAYLOAD_VERSION).
 */
export const SCHEMA_VERSION = 1;
export const version = () => literal(SCHEMA_VERSION);

/**
 * Wireless M-Bus link modes (EN 13757-4) as a receiver reports or is told to use them. Sub-variants that
 * only differ in frame format (C1a/C1b) are one mode here; the format travels separately (radio.md § 1).
 */
export const LINK_MODES = ['S1', 'S1m', 'S2', 'T1', 'T2', 'C1', 'C2', 'R2', 'N1', 'N2', 'F2'] as const;
export type LinkMode = (typeof LINK_MODES)[number];

export const FRAME_FORMATS = ['A', 'B'] as const;
export type FrameFormat = (typeof FRAME_FORMATS)[number];

/** Same shape as gateway and command ids (topics.ts): safe in topics and file names. */
export const idString = () => string({ pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/ });

/** Stable error codes (e.g. WmbusErrorCode values); a pattern, not a closed list, so new codes need no new schema. */
export const errorCode = () => string({ pattern: /^[A-Z][A-Z0-9_]{0,63}$/ });

/** A meter as the link layer names it: manufacturer flag as three letters and the 8-digit identification number. */
export const meterSelectorSchema = object({
  manufacturer: string({ pattern: /^[A-Z]{3}$/ }),
  id: string({ pattern: /^[0-9A-F]{8}$/ }),
});
export type MeterSelector = Infer<typeof meterSelectorSchema>;

export const errorInfoSchema = object({
  code: errorCode(),
  message: optional(string({ maxLength: 1024 })),
});
