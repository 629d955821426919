/**
 * The page's live feed: a WebSocket to /api/events (same origin, so the session cookie goes
 * along). When it drops it reconnects with growing pauses and reloads what is shown, since events
 * may have been missed in between.
 */
import type { AppEvent } from '../../apiTypes.js';
import { EVENTS_PATH } from '../../apiTypes.js';
import { applyEvent, attempt, refresh } from './actions.js';
import { getState, update } from './store.js';

export function connectEvents(): void {
  let pause = 500;
  let everOpen = false;

  const open = (): void => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${EVENTS_PATH}`);
    ws.onopen = () => {
      pause = 500;
      update(() => ({ live: true }));
      if (everOpen && getState().phase === 'ready') void attempt(refresh);
      everOpen = true;
    };
    ws.onmessage = (msg: MessageEvent<unknown>) => {
      if (typeof msg.data !== 'string') return;
      try {
        applyEvent(JSON.parse(msg.data) as AppEvent);
      } catch {
        // A frame we cannot read is dropped; the next reconnect reloads everything anyway.
      }
    };
    ws.onclose = () => {
      update(() => ({ live: false }));
      if (getState().phase === 'lost') return;
      setTimeout(open, pause);
      pause = Math.min(pause * 2, 10_000);
    };
  };
  open();
}
