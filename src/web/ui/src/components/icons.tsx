/** Small inline SVG icons (drawn as elements, so the CSP needs no image sources). */
import type { JSX } from 'preact';

type IconProps = { readonly label?: string };

function Icon({ label, children }: IconProps & { children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden={label === undefined ? 'true' : undefined} role={label === undefined ? undefined : 'img'} aria-label={label} focusable="false">
      {children}
    </svg>
  );
}

export const PlusIcon = (p: IconProps) => <Icon {...p}><path d="M12 5v14M5 12h14" /></Icon>;
export const SearchIcon = (p: IconProps) => <Icon {...p}><circle cx="11" cy="11" r="6.5" /><path d="m20 20-4.2-4.2" /></Icon>;
export const GearIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="3.2" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
  </Icon>
);
export const BackIcon = (p: IconProps) => <Icon {...p}><path d="M15 5l-7 7 7 7" /></Icon>;
export const SendIcon = (p: IconProps) => <Icon {...p}><path d="M4 12 20 4l-6 16-3-7-7-1z" /></Icon>;
export const ShieldIcon = (p: IconProps) => <Icon {...p}><path d="M12 3 5 6v5c0 4.4 3 8.4 7 10 4-1.6 7-5.6 7-10V6l-7-3z" /><path d="m9 12 2 2 4-4" /></Icon>;
export const WarningIcon = (p: IconProps) => <Icon {...p}><path d="M12 3 2 20h20L12 3z" /><path d="M12 10v4M12 17v.5" /></Icon>;
export const LockIcon = (p: IconProps) => <Icon {...p}><rect x="5" y="11" width="14" height="9" rx="2" /><path d="M8 11V8a4 4 0 0 1 8 0v3" /></Icon>;
export const GroupIcon = (p: IconProps) => <Icon {...p}><circle cx="9" cy="9" r="3" /><circle cx="17" cy="10" r="2.5" /><path d="M3 19c0-3 3-5 6-5s6 2 6 5M15 15c3 0 6 1.5 6 4" /></Icon>;
export const CloseIcon = (p: IconProps) => <Icon {...p}><path d="M6 6l12 12M18 6 6 18" /></Icon>;

/** Delivery marks: a clock while sending, one tick sent, two ticks delivered/read, "!" failed. */
export function DeliveryMark({ state, label }: { state: string; label: string }): JSX.Element {
  let body: JSX.Element | JSX.Element[];
  if (state === 'sending') body = [<circle key="c" cx="12" cy="12" r="7" />, <path key="h" d="M12 8v4l3 2" />];
  else if (state === 'sent') body = <path d="m5 12.5 4.5 4.5L19 7.5" />;
  else if (state === 'failed') body = [<circle key="c" cx="12" cy="12" r="8" />, <path key="m" d="M12 7.5v5.5M12 16v.5" />];
  else body = [<path key="a" d="m2.5 12.5 4.5 4.5 9.5-9.5" />, <path key="b" d="m11 16.5.5.5L21 7.5" />];
  return (
    <svg class={`icon delivery delivery-${state}`} viewBox="0 0 24 24" role="img" aria-label={label} focusable="false">
      <title>{label}</title>
      {body}
    </svg>
  );
}
