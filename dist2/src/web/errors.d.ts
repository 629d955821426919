/**
 * Typed errors of the local web app (issue 7): each carries the HTTP status it maps to, so a bad
 * request gets a clear answer and never reaches the SDK.
 */
import { SaltlineError } from '../crypto/errors.js';
export declare class WebAppError extends SaltlineError {
    readonly status: number;
    constructor(code: string, status: number, message: string);
}
export declare const badRequest: (message: string) => WebAppError;
export declare const notFound: (message?: string) => WebAppError;
export declare const locked: () => WebAppError;
