/** A round badge with a contact's initials, coloured by name. */
import type { JSX } from 'preact';
import { colourSlot, initials } from '../format.js';
import { GroupIcon } from './icons.js';

export function Avatar({ name, group = false, size = 'md' }: { name: string; group?: boolean; size?: 'md' | 'lg' }): JSX.Element {
  return (
    <span class={`avatar avatar-${size} tone-${colourSlot(name)}`} aria-hidden="true">
      {group ? <GroupIcon /> : initials(name)}
    </span>
  );
}
