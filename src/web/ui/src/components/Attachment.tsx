/**
 * Attachments in the page (issue 8 item 1): the attach button (file picker; for images a JPEG
 * thumbnail is drawn here on a canvas and sent inline in the message), the upload progress
 * indicator (to this app, then to the relay), and a message's attachment: its thumbnail (or the
 * image itself, fetched through the local app, when the sender sent none), name, size and a
 * download link. Everything is fetched from this app's own origin, so the CSP stays 'self'.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentInfo, MessageInfo } from '../../../../client/types.js';
import { addSentMessage } from '../actions.js';
import { uploadFile } from '../api.js';
import { finishUpload, startUpload, useUploads, type Upload } from '../uploads.js';

const MAX_THUMBNAIL_BYTES = 24 * 1024;
const INLINE_IMAGE_BYTES = 10 * 1024 * 1024;
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A small JPEG of an image file, made on a canvas in this browser; empty for anything else. */
export async function makeThumbnail(file: File): Promise<Uint8Array> {
  if (!file.type.startsWith('image/')) return new Uint8Array(0);
  try {
    const bitmap = await createImageBitmap(file);
    for (const edge of [320, 200, 120]) {
      const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const ctx = canvas.getContext('2d');
      if (ctx === null) return new Uint8Array(0);
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of [0.75, 0.55, 0.4]) {
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
        if (blob !== null && blob.size <= MAX_THUMBNAIL_BYTES) return new Uint8Array(await blob.arrayBuffer());
      }
    }
  } catch {
    // An image the browser cannot decode goes without a preview.
  }
  return new Uint8Array(0);
}

export function AttachButton({ conversationId, disabled }: { conversationId: string; disabled: boolean }): JSX.Element {
  const picker = useRef<HTMLInputElement>(null);
  const onPick = async (): Promise<void> => {
    const files = [...(picker.current?.files ?? [])];
    if (picker.current) picker.current.value = '';
    for (const file of files) {
      const id = startUpload(conversationId, file.name, file.size);
      try {
        const message = await uploadFile(conversationId, file, await makeThumbnail(file), id);
        addSentMessage(message);
      } finally {
        finishUpload(id);
      }
    }
  };
  return (
    <>
      <input ref={picker} type="file" class="sr-only" id={`attach-${conversationId}`} data-testid="attach-input" onChange={() => void onPick()} tabIndex={-1} />
      <button type="button" class="icon-button attach" aria-label="Attach a file" disabled={disabled} onClick={() => picker.current?.click()}>
        <span aria-hidden="true">📎</span>
      </button>
    </>
  );
}

function UploadLine({ upload }: { upload: Upload }): JSX.Element {
  const local = upload.total === 0 ? 1 : upload.sent / upload.total;
  const relay = upload.relayTotal === 0 ? 0 : upload.relayDone / upload.relayTotal;
  // The first half is the page handing the file to this app, the second the encrypted upload to the relay.
  const percent = Math.round((local * 0.5 + relay * 0.5) * 100);
  return (
    <div class="upload" role="status">
      <span class="upload-name">{upload.name}</span>
      <progress max={100} value={percent} aria-label={`Sending ${upload.name}`} />
      <span class="muted">{percent}%</span>
    </div>
  );
}

export function UploadProgress({ conversationId }: { conversationId: string }): JSX.Element | null {
  const uploads = useUploads().filter((u) => u.conversationId === conversationId);
  if (uploads.length === 0) return null;
  return (
    <div class="uploads">
      {uploads.map((u) => (
        <UploadLine key={u.id} upload={u} />
      ))}
    </div>
  );
}

function Preview({ id, a }: { id: string; a: AttachmentInfo }): JSX.Element | null {
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [id]);
  const inline = INLINE_TYPES.has(a.mime) && a.size <= INLINE_IMAGE_BYTES;
  const src = a.hasThumbnail ? `/api/attachments/${encodeURIComponent(id)}/thumbnail` : inline ? `/api/attachments/${encodeURIComponent(id)}/image` : undefined;
  if (src === undefined || failed) return null;
  return <img class="attachment-thumb" src={src} alt={a.name} loading="lazy" onError={() => setFailed(true)} />;
}

export function AttachmentBody({ message }: { message: MessageInfo }): JSX.Element | null {
  const a = message.attachment;
  if (a === undefined) return null;
  return (
    <div class="attachment" data-attachment-state={a.state}>
      <Preview id={message.id} a={a} />
      <div class="attachment-line">
        <span class="attachment-name">{a.name}</span>
        <span class="muted"> · {formatSize(a.size)}</span>
        <a class="attachment-download" href={`/api/attachments/${encodeURIComponent(message.id)}/file`} download={a.name}>
          Download
        </a>
      </div>
    </div>
  );
}
