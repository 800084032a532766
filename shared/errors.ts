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
  | 'RATE_LIMITED';

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
