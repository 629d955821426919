/**
 * Realistic demo data for the web app's stub profile (tests and docs/screenshots): a few
 * contacts in different states (verified, unverified, identity changed, invitation pending) and a
 * long conversation that needs paging.
 */
import { StubProfile, type StubProfileOptions } from './stubClient.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DemoProfile {
  readonly profile: StubProfile;
  readonly contacts: { readonly jonas: string; readonly priya: string; readonly tomas: string; readonly ana: string };
}

const SMALL_TALK = [
  'Did you see the ferry schedule changed again?',
  'Yes, the 7:40 is gone. We will have to take the 7:10.',
  'Ugh. Coffee on the boat then.',
  'I can bring the thermos.',
  'Perfect. Do you still have my book, by the way?',
  'The one about lighthouses? On my desk, I will bring it.',
  'No rush, I am still on the other one.',
  'How was the climbing on Saturday?',
  'Wet. We gave up after two routes and went for soup.',
  'Good call honestly.',
];

export function demoProfile(options: StubProfileOptions = {}, now = Date.now()): DemoProfile {
  const profile = new StubProfile({ name: 'Maya Lindqvist', relay: 'wss://relay.saltline.example:7443', ...options });
  const jonas = profile.addContact('Jonas Weber', { verified: true });
  const priya = profile.addContact('Priya Raman');
  const tomas = profile.addContact('Tomás Ortega', { verified: true });
  const ana = profile.addContact('Ana Kovač', { established: false });

  // A long history with Jonas, so the view pages back as you scroll up.
  const start = now - 40 * DAY;
  for (let i = 0; i < 120; i++) {
    profile.seed(jonas.conversationId, {
      outgoing: i % 3 !== 0,
      text: `${SMALL_TALK[i % SMALL_TALK.length]!}${i % 10 === 9 ? ` (week ${Math.floor(i / 10) + 1})` : ''}`,
      sentAt: start + i * 7 * HOUR,
    });
  }
  const recentJonas: [fromMe: boolean, text: string, minutesAgo: number][] = [
    [false, 'Are we still on for the harbour walk tomorrow?', 95],
    [true, 'Yes! 10:00 at the fish market?', 90],
    [false, 'Sounds good. I will bring the camera with the new lens 📷', 88],
    [true, 'Great, the forecast says sun until noon.', 60],
    [false, 'Then let us not be late 😄', 12],
    [false, 'Also: the passphrase for the shared photo folder is on the paper I gave you, not in chat.', 11],
  ];
  for (const [fromMe, text, minutesAgo] of recentJonas) {
    profile.seed(jonas.conversationId, { outgoing: fromMe, text, sentAt: now - minutesAgo * MINUTE });
  }
  profile.unread.set(jonas.conversationId, 2);

  profile.seed(priya.conversationId, { outgoing: false, text: 'Hi Maya, Priya here. Got your invitation link, thanks!', sentAt: now - 2 * DAY });
  profile.seed(priya.conversationId, { outgoing: true, text: 'Welcome! Let us compare safety numbers when we meet on Thursday.', sentAt: now - 2 * DAY + 5 * MINUTE });
  profile.seed(priya.conversationId, { outgoing: false, text: 'Deal. I will bring the draft of the grant proposal too.', sentAt: now - 2 * DAY + 9 * MINUTE });
  profile.seed(priya.conversationId, { outgoing: true, text: 'I sent the budget table just now.', sentAt: now - 3 * HOUR, state: 'sent' });
  profile.unread.set(priya.conversationId, 0);

  profile.seed(tomas.conversationId, { outgoing: true, text: 'Can you send me the address of the workshop?', sentAt: now - 5 * DAY });
  profile.seed(tomas.conversationId, { outgoing: false, text: 'Calle de la Luna 14, second floor. Ring twice.', sentAt: now - 5 * DAY + 20 * MINUTE });
  profile.unread.set(tomas.conversationId, 0);
  profile.changeIdentity(tomas.id);

  return { profile, contacts: { jonas: jonas.id, priya: priya.id, tomas: tomas.id, ana: ana.id } };
}
