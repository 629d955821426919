/** The frame of a main-pane panel (contact, invite, search, settings): a titled page with a close button. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { BackIcon } from './icons.js';

export function Panel({ title, onClose, children, class: extra = '' }: { title: string; onClose: () => void; children: ComponentChildren; class?: string }): JSX.Element {
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving focus to the heading tells keyboard and screen-reader users where they are.
  useEffect(() => heading.current?.focus(), [title]);
  return (
    <section class={`main-pane panel ${extra}`} aria-labelledby="panel-title">
      <header class="pane-head">
        <button class="icon-button" onClick={onClose} aria-label="Close" title="Close (Esc)">
          <BackIcon />
        </button>
        <h2 id="panel-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
      </header>
      <div class="panel-body">{children}</div>
    </section>
  );
}
