/** Settings → Privacy (issue 8): read receipts (on by default) and typing indicators (off by default). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { attempt, notify } from '../actions.js';
import { api } from '../api.js';

export function PrivacySection(): JSX.Element {
  const [settings, setSettings] = useState<{ readReceipts: boolean; typing: boolean } | undefined>(undefined);
  useEffect(() => {
    void attempt(() => api.settings()).then((s) => s && setSettings(s));
  }, []);
  const change = async (next: { readReceipts?: boolean; typing?: boolean }): Promise<void> => {
    const saved = await attempt(() => api.setSettings(next));
    if (saved === undefined) return;
    setSettings(saved);
    notify('Privacy setting saved.');
  };
  return (
    <section class="card" aria-labelledby="privacy-title">
      <h3 id="privacy-title">Privacy</h3>
      <label class="check">
        <input type="checkbox" id="read-receipts" checked={settings?.readReceipts ?? true} disabled={settings === undefined} onChange={(e) => void change({ readReceipts: e.currentTarget.checked })} />
        Send read receipts
      </label>
      <p class="muted small">When off, contacts do not learn when you read their messages, and you do not see when they read yours.</p>
      <label class="check">
        <input type="checkbox" id="typing-indicators" checked={settings?.typing ?? false} disabled={settings === undefined} onChange={(e) => void change({ typing: e.currentTarget.checked })} />
        Typing indicators
      </label>
      <p class="muted small">Off by default: they tell your contacts when you are active. When on, you see theirs and they see yours.</p>
    </section>
  );
}
