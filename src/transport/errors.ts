/** Typed errors of the transport (issue #4 §Transport): connection problems and relay error replies. */
import { SaltlineError } from '../crypto/errors.js';
import { PERMANENT_RELAY_ERRORS, type RelayErrorName } from '../protocol/relayWire/errorCodes.js';

export const TransportErrorCode = {
  DISCONNECTED: 'DISCONNECTED',
  TIMEOUT: 'TIMEOUT',
  CLOSED: 'CLOSED',
  PIN_MISMATCH: 'PIN_MISMATCH',
  UNEXPECTED_REPLY: 'UNEXPECTED_REPLY',
} as const;
export type TransportErrorName = keyof typeof TransportErrorCode;

export class TransportError extends SaltlineError {
  readonly reason: TransportErrorName;
  constructor(reason: TransportErrorName, message: string) {
    super(`TRANSPORT_${reason}`, message);
    this.reason = reason;
  }
}

/** The relay answered a command with an error reply. */
export class RelayCommandError extends SaltlineError {
  readonly relayCode: RelayErrorName;
  /** Retrying the same command can never succeed (bad key, queue gone, too large …). */
  readonly permanent: boolean;
  constructor(relayCode: RelayErrorName) {
    super(`RELAY_${relayCode}`, `relay refused the command: ${relayCode}`);
    this.relayCode = relayCode;
    this.permanent = PERMANENT_RELAY_ERRORS.has(relayCode);
  }
}

/** Bytes that should be a delivery address are not one (issue #4 §Transport; limits.ts MAX_ADDRESS_BYTES). */
export class AddressError extends SaltlineError {
  constructor(message: string) {
    super('BAD_ADDRESS', message);
  }
}
