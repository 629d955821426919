/** Short messages in a corner (saved, copied, errors, identity warnings), read out by screen readers. */
import type { JSX } from 'preact';
import { dismiss } from '../actions.js';
import type { Notice } from '../store.js';
import { CloseIcon } from './icons.js';

export function Notices({ notices }: { notices: readonly Notice[] }): JSX.Element {
  return (
    <div class="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} class={`notice notice-${n.tone}`}>
          <span>{n.text}</span>
          <button class="icon-button" onClick={() => dismiss(n.id)} aria-label="Dismiss">
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
