/**
 * Typed errors of the local web app (issue 7): each carries the HTTP status it maps to, so a bad
 * request gets a clear answer and never reaches the SDK.
 */
import { SaltlineError } from '../crypto/errors.js';
export class WebAppError extends SaltlineError {
    status;
    constructor(code, status, message) {
        super(code, message);
        this.status = status;
    }
}
export const badRequest = (message) => new WebAppError('BAD_REQUEST', 400, message);
export const notFound = (message = 'not found') => new WebAppError('NOT_FOUND', 404, message);
export const locked = () => new WebAppError('LOCKED', 423, 'the profile is locked: unlock it first');
//# sourceMappingURL=errors.js.map