/** The SDK's public surface (issue 5): `Client`, its options, events and errors. */
export * from './client.js';
export * from './errors.js';
export * from './types.js';
export { RecordFormatError } from './records.js';
export { NotGroupMemberError, UnknownGroupError, type GroupInfo, type GroupMemberInfo } from './groups.js';
export { AUTO_DOWNLOAD_BYTES, AttachmentUnavailableError, BadFileError, guessMime, type ProgressListener, type SendFileOptions } from './attachments.js';
export { BadTimerError, MessageDeletedError, MessageNotFoundError, NotAuthorError } from './messageActions.js';
export { TIMER_NAMES, timerName } from './disappearing.js';
