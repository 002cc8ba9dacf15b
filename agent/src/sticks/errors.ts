/**
 * Coded errors of the stick layer. They never escape a stream: the driver emits them as `error`
 * events and counts them, then recovers (retry, reopen) by code.
 */
export const STICK_ERRORS = {
  STICK_OPEN: 'the serial port (or child process) could not be opened',
  STICK_CLOSED: 'the port closed while a request was waiting',
  STICK_TIMEOUT: 'the stick did not answer a request in time',
  STICK_REJECTED: 'the stick answered a request with an error status',
  STICK_UNEXPECTED: 'the stick answered with something the init sequence did not expect',
} as const;

export type StickErrorCode = keyof typeof STICK_ERRORS;

export class StickError extends Error {
  override readonly name = 'StickError';
  constructor(readonly code: StickErrorCode, detail?: string) {
    super(detail ? `${STICK_ERRORS[code]}: ${detail}` : STICK_ERRORS[code]);
  }
}
