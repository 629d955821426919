/**
 * The relay-offline indicator (issue 7): a banner while the SDK reports that the relay cannot be
 * reached. Messages written meanwhile wait in the outbox and go out when it is back. The live
 * region is always in the page, so screen readers announce the text when it appears and goes.
 */
import type { JSX } from 'preact';
import { WarningIcon } from './icons.js';

export function RelayBanner({ offline }: { offline: boolean }): JSX.Element {
  return (
    <div class={offline ? 'relay-banner' : 'relay-banner-idle'} role="status">
      {offline && (
        <>
          <WarningIcon /> <span>Relay unreachable — messages will be sent when it is back.</span>
        </>
      )}
    </div>
  );
}
