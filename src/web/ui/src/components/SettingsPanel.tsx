/** Settings: the profile (name, key, folder), the relay, passphrase change, backup export, lock. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { BackupResponse } from '../../../apiTypes.js';
import { attempt, closePanel, lock, notify } from '../actions.js';
import { api } from '../api.js';
import { update, type State } from '../store.js';
import { Panel } from './Panel.js';
import { PrivacySection } from './PrivacySection.js';

export function SettingsPanel({ state }: { state: State }): JSX.Element {
  return (
    <Panel title="Settings" onClose={closePanel} class="settings-panel">
      <ProfileSection state={state} />
      <RelaySection state={state} />
      <PrivacySection />
      <PassphraseSection />
      <BackupSection state={state} />
      <section class="card" aria-labelledby="lock-title">
        <h3 id="lock-title">Lock</h3>
        <p class="muted">Closes the profile: keys leave memory until you unlock again.</p>
        <button class="secondary" onClick={() => void lock()}>
          Lock now
        </button>
      </section>
    </Panel>
  );
}

function ProfileSection({ state }: { state: State }): JSX.Element {
  const [name, setName] = useState(state.profile?.name ?? '');
  const [busy, setBusy] = useState(false);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const profile = await attempt(() => api.setName(name.trim()));
    setBusy(false);
    if (profile === undefined) return;
    update(() => ({ profile }));
    notify('Display name saved.');
  };
  return (
    <form class="card" aria-labelledby="profile-title" onSubmit={(e) => void save(e)}>
      <h3 id="profile-title">Profile</h3>
      <label for="display-name">Display name</label>
      <div class="row">
        <input id="display-name" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} autocomplete="nickname" />
        <button type="submit" class="secondary" disabled={busy || name.trim() === '' || name.trim() === state.profile?.name}>
          Save
        </button>
      </div>
      <dl class="facts">
        <dt>Identity key</dt>
        <dd class="mono break">{state.profile?.identityKey}</dd>
        <dt>Profile folder</dt>
        <dd class="mono break">{state.profileDir}</dd>
      </dl>
    </form>
  );
}

function RelaySection({ state }: { state: State }): JSX.Element {
  const current = state.profile?.relay ?? '';
  const [relay, setRelay] = useState(current);
  const [busy, setBusy] = useState(false);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const profile = await attempt(() => api.setRelay(relay.trim()));
    setBusy(false);
    if (profile === undefined) return;
    update(() => ({ profile }));
    setRelay(profile.relay);
    notify('Relay saved: new invitations use it.');
  };
  return (
    <form class="card" aria-labelledby="relay-title" onSubmit={(e) => void save(e)}>
      <h3 id="relay-title">Relay</h3>
      <p class="muted">The relay holds encrypted messages for you until your app fetches them. New invitations use this one; contacts you already have keep reaching you where they do now.</p>
      <label for="relay-address">Relay address</label>
      <div class="row">
        <input id="relay-address" class="mono" value={relay} onInput={(e) => setRelay(e.currentTarget.value)} autocomplete="off" spellcheck={false} placeholder="as printed by saltline relay" />
        <button type="submit" class="secondary" disabled={busy || relay.trim() === '' || relay.trim() === current}>
          Save
        </button>
      </div>
    </form>
  );
}

function PassphraseSection(): JSX.Element {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const mismatch = again !== '' && next !== again;
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (mismatch || next === '') return;
    setBusy(true);
    const ok = await attempt(() => api.changePassphrase(current, next));
    setBusy(false);
    if (ok === undefined) return;
    setCurrent('');
    setNext('');
    setAgain('');
    notify('Passphrase changed.');
  };
  return (
    <form class="card" aria-labelledby="pass-title" onSubmit={(e) => void submit(e)}>
      <h3 id="pass-title">Change passphrase</h3>
      <label for="pass-current">Current passphrase</label>
      <input id="pass-current" type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} required />
      <label for="pass-new">New passphrase</label>
      <input id="pass-new" type="password" autocomplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} required />
      <label for="pass-again">New passphrase again</label>
      <input id="pass-again" type="password" autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} required aria-invalid={mismatch ? 'true' : undefined} />
      {mismatch && <p class="form-error">The new passphrases differ.</p>}
      <button type="submit" class="primary" disabled={busy || mismatch || current === '' || next === '' || again === ''}>
        {busy ? 'Changing…' : 'Change passphrase'}
      </button>
    </form>
  );
}

function BackupSection({ state }: { state: State }): JSX.Element {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [backup, setBackup] = useState<BackupResponse | undefined>(undefined);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setBackup(undefined);
    update(() => ({ backupProgress: undefined }));
    const result = await attempt(() => api.exportBackup(passphrase));
    setBusy(false);
    if (result === undefined) return;
    setPassphrase('');
    setBackup(result);
  };
  const progress = state.backupProgress;
  return (
    <form class="card" aria-labelledby="backup-title" onSubmit={(e) => void submit(e)}>
      <h3 id="backup-title">Export backup</h3>
      <p class="muted">A backup holds your keys, contacts and history, encrypted with the passphrase you choose here. Keep both safe.</p>
      <label for="backup-pass">Backup passphrase</label>
      <input id="backup-pass" type="password" autocomplete="new-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} required />
      <button type="submit" class="primary" disabled={busy || passphrase === ''}>
        {busy ? 'Exporting…' : 'Export backup'}
      </button>
      {busy && progress !== undefined && progress.total > 0 && (
        <progress max={progress.total} value={progress.done} aria-label="Backup progress">
          {Math.round((100 * progress.done) / progress.total)}%
        </progress>
      )}
      {backup !== undefined && (
        <p class="backup-ready" role="status">
          Backup ready ({Math.ceil(backup.size / 1024)} KiB).{' '}
          <a href={`/api/backups/${encodeURIComponent(backup.downloadId)}`} download={backup.fileName} onClick={() => setTimeout(() => setBackup(undefined), 1000)}>
            Download {backup.fileName}
          </a>{' '}
          <span class="muted small">(one download; it is deleted from this computer’s temporary folder afterwards)</span>
        </p>
      )}
    </form>
  );
}
