/**
 * HTTP error catalogue (fastify's lib/errors.js habit): stable codes, a status each. Handlers throw
 * HttpError; the error handler turns validation errors into 400 with the field, passes < 500 through and
 * hides 5xx internals behind a generic message (logged with the request id).
 */
export const HTTP_ERRORS = {
  COL_ERR_UNAUTHORIZED: { status: 401, message: 'missing or unknown API key (Authorization: Bearer <key>)' },
  COL_ERR_FORBIDDEN: { status: 403, message: 'this API key\'s role may not do this' },
  COL_ERR_NOT_FOUND: { status: 404, message: 'not found' },
  COL_ERR_BAD_REQUEST: { status: 400, message: 'bad request' },
  COL_ERR_CONFLICT: { status: 409, message: 'conflict' },
  COL_ERR_ENROLL: { status: 400, message: 'enrollment refused' },
  COL_ERR_INTERNAL: { status: 500, message: 'internal error' },
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export class HttpError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: HttpErrorCode,
    detail?: string,
  ) {
    super(detail ? `${HTTP_ERRORS[code].message}: ${detail}` : HTTP_ERRORS[code].message);
    this.statusCode = HTTP_ERRORS[code].status;
  }
}
