/** The unlock screen: the passphrase opens the profile in the local Saltline process. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { unlock } from '../actions.js';
import { ApiError, errorText } from '../api.js';
import { update } from '../store.js';
import { LockIcon } from './icons.js';

export function UnlockScreen({ profileDir }: { profileDir: string }): JSX.Element {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (passphrase.length === 0 || busy) return;
    setBusy(true);
    setError('');
    try {
      await unlock(passphrase);
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) update(() => ({ phase: 'lost', lostReason: err.message }));
      setError(err instanceof ApiError && err.code === 'UNLOCK_FAILED' ? `Could not unlock: ${err.message}` : errorText(err));
      setBusy(false);
      input.current?.select();
    }
  };

  return (
    <main class="unlock">
      <form class="unlock-card" onSubmit={(e) => void submit(e)}>
        <div class="brand-mark" aria-hidden="true">
          <LockIcon />
        </div>
        <h1>Unlock Saltline</h1>
        <p class="muted">Your messages and keys are encrypted on this computer. Enter your passphrase to open them.</p>
        {/* Lets password managers file the passphrase under this profile. */}
        <input type="text" autocomplete="username" value={`Saltline ${profileDir}`} readOnly hidden />
        <label for="passphrase">Passphrase</label>
        <input
          id="passphrase"
          ref={input}
          type="password"
          autocomplete="current-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
          disabled={busy}
          aria-invalid={error !== '' ? 'true' : undefined}
          aria-describedby={error !== '' ? 'unlock-error' : undefined}
        />
        {error !== '' && (
          <p id="unlock-error" class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary wide" disabled={busy || passphrase.length === 0}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        <p class="profile-path muted" title={profileDir}>
          Profile: {profileDir}
        </p>
      </form>
    </main>
  );
}
