/**
 * Coded errors of the wired M-Bus master. They never escape the polling loop: a failed poll is reported
 * in its PollResult and counted; the link errors are emitted as 'failure' events.
 */
export const WIRED_ERRORS = {
  WIRED_NO_ANSWER: 'the meter did not answer (after all retries)',
  WIRED_BROKEN_ANSWER: 'the answer was garbled or had a bad checksum (after all retries)',
  WIRED_LINK_CLOSED: 'the serial link to the level converter is closed',
  WIRED_LINK_OPEN: 'the serial link to the level converter could not be opened',
  WIRED_CONFIG: 'a wired meter entry is invalid',
} as const;

export type WiredErrorCode = keyof typeof WIRED_ERRORS;

export class WiredError extends Error {
  override readonly name = 'WiredError';
  constructor(readonly code: WiredErrorCode, detail?: string) {
    super(detail ? `${WIRED_ERRORS[code]}: ${detail}` : WIRED_ERRORS[code]);
  }
}
