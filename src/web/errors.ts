/**
 * Typed errors of the local web app (issue 7): each carries the HTTP status it maps to, so a bad
 * request gets a clear answer and never reaches the SDK.
 */
import { SaltlineError } from '../crypto/errors.js';

export class WebAppError extends SaltlineError {
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(code, message);
    this.status = status;
  }
}

export const badRequest = (message: string): WebAppError => new WebAppError('BAD_REQUEST', 400, message);
export const notFound = (message = 'not found'): WebAppError => new WebAppError('NOT_FOUND', 404, message);
export const locked = (): WebAppError => new WebAppError('LOCKED', 423, 'the profile is locked: unlock it first');
