/** Search across all history; choosing a result opens its conversation scrolled to it. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageInfo } from '../../../../client/types.js';
import { attempt, closePanel, jumpTo } from '../actions.js';
import { api } from '../api.js';
import { formatListTime, snippet, splitMatches } from '../format.js';
import type { State } from '../store.js';
import { Panel } from './Panel.js';

export function SearchPanel({ state }: { state: State }): JSX.Element {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; hits: MessageInfo[] } | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    const q = query.trim();
    if (q.length === 0) return setResults(undefined);
    let current = true;
    // Wait for a pause in typing before asking.
    const timer = setTimeout(() => {
      void attempt(() => api.search(q)).then((hits) => {
        if (current && hits !== undefined) setResults({ query: q, hits });
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const nameOf = (m: MessageInfo): string => state.conversations.find((c) => c.id === m.conversationId)?.name ?? '';

  return (
    <Panel title="Search" onClose={closePanel} class="search-panel">
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="search-input" class="sr-only">
          Search messages
        </label>
        <input id="search-input" ref={input} type="search" placeholder="Search all messages" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autocomplete="off" />
      </form>
      {results !== undefined && (
        <>
          <p class="muted small" aria-live="polite">
            {results.hits.length === 0 ? 'No messages found.' : `${results.hits.length}${results.hits.length === 50 ? '+' : ''} messages`}
          </p>
          <ul class="search-results">
            {results.hits.map((m) => (
              <li key={m.id}>
                <button class="search-result" onClick={() => void jumpTo(m)}>
                  <span class="item-top">
                    <span class="item-name">{nameOf(m)}</span>
                    <time class="item-time">{formatListTime(m.sentAt)}</time>
                  </span>
                  <span class="result-text">
                    <span class="muted">{m.outgoing ? 'You' : m.senderName}: </span>
                    {splitMatches(snippet(m.text, results.query), results.query).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
