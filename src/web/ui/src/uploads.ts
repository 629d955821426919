/**
 * Files being sent from this page (issue 8 item 1): each upload's progress to the local app (from
 * the browser's request) and to the relay (from `attachmentProgress` events), for the indicator
 * under the conversation.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Upload {
  readonly id: string;
  readonly conversationId: string;
  readonly name: string;
  readonly total: number;
  readonly sent: number;
  readonly relayDone: number;
  readonly relayTotal: number;
}

let uploads: readonly Upload[] = [];
const listeners = new Set<() => void>();

function set(next: readonly Upload[]): void {
  uploads = next;
  for (const l of listeners) l();
}

function change(id: string, patch: Partial<Upload>): void {
  set(uploads.map((u) => (u.id === id ? { ...u, ...patch } : u)));
}

export function startUpload(conversationId: string, name: string, total: number): string {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  set([...uploads, { id, conversationId, name, total, sent: 0, relayDone: 0, relayTotal: 0 }]);
  return id;
}

export function localProgress(id: string, sent: number): void {
  change(id, { sent });
}

export function relayProgress(id: string, done: number, total: number): void {
  if (uploads.some((u) => u.id === id)) change(id, { relayDone: done, relayTotal: total });
}

export function finishUpload(id: string): void {
  set(uploads.filter((u) => u.id !== id));
}

export function useUploads(): readonly Upload[] {
  const [, rerender] = useState(0);
  useEffect(() => {
    const l = (): void => rerender((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return uploads;
}
