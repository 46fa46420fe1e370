// The one rule for where an answer goes, for every kind of chat and platform.
import { describe, expect, it } from 'vitest';
import { INLINE_ONLY, routeReply, type AnswerAbilities, type Asker } from '../../src/services/reply-routing.js';

const TELEGRAM: AnswerAbilities = { answersInline: false, ephemeral: false, editsMessages: true, asksWithForms: false };
const DISCORD: AnswerAbilities = { answersInline: true, ephemeral: true, editsMessages: true, asksWithForms: true };
const CONSOLE = INLINE_ONLY;

const inDm: Asker = { account: 'x:1', chat: { id: 'x:1', kind: 'dm' }, knowsDirectChat: true };
const inGroup = (knowsDirectChat: boolean): Asker => ({ account: 'x:1', chat: { id: 'x:-100', kind: 'group' }, knowsDirectChat });

describe('where an answer goes', () => {
  it('in a private chat: answered right there, inline or as a message to that chat', () => {
    for (const isPrivate of [true, false]) {
      expect(routeReply(isPrivate, inDm, CONSOLE)).toEqual({ via: 'inline', visibility: 'chat' });
      expect(routeReply(isPrivate, inDm, DISCORD)).toEqual({ via: 'inline', visibility: 'chat' });
      expect(routeReply(isPrivate, inDm, TELEGRAM)).toEqual({ via: 'outbox', to: { chatId: 'x:1', kind: 'dm' }, toSender: true });
    }
  });

  it('a public answer in a group stays in the group', () => {
    expect(routeReply(false, inGroup(false), DISCORD)).toEqual({ via: 'inline', visibility: 'chat' });
    expect(routeReply(false, inGroup(false), TELEGRAM)).toEqual({ via: 'outbox', to: { chatId: 'x:-100', kind: 'group' }, toSender: false });
  });

  it('a private answer asked for in a group reaches the sender alone, or is replaced by a neutral note', () => {
    // Where the platform can show it to the sender alone, it does.
    expect(routeReply(true, inGroup(false), DISCORD)).toEqual({ via: 'inline', visibility: 'sender-only' });
    // Otherwise it goes to their private chat, if they ever opened one with the bot.
    expect(routeReply(true, inGroup(true), TELEGRAM)).toEqual({ via: 'outbox', to: { chatId: 'x:1', kind: 'dm' }, toSender: true });
    expect(routeReply(true, inGroup(true), CONSOLE)).toEqual({ via: 'outbox', to: { chatId: 'x:1', kind: 'dm' }, toSender: true });
    // And never into the group itself.
    expect(routeReply(true, inGroup(false), TELEGRAM)).toEqual({ via: 'open-private-chat' });
    expect(routeReply(true, inGroup(false), CONSOLE)).toEqual({ via: 'open-private-chat' });
  });
});
