/**
 * Typed errors shared by client, server and CLI. Each carries a stable `code`; the server maps codes to
 * transport codes in one table (server/errors.ts) and the client maps them to text in one module.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  /** A service the command relies on (a model endpoint) refused or could not be reached. */
  | 'UPSTREAM';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A file or value given by a user is malformed; `where` names the file/line/field. */
export class BadInputError extends AppError {
  constructor(message: string) {
    super('BAD_INPUT', message);
  }
}

/** A remote service (a model endpoint) refused the run or could not be reached; `message` says which and why. */
export class UpstreamError extends AppError {
  constructor(message: string) {
    super('UPSTREAM', message);
  }
}
