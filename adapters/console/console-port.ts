import { platformOf, type OutboundMessage, type PlatformPort, type Reply, type SendResult } from '../../src/index.js';

/** The console's outbound side: messages the bot starts are printed in the same terminal. */
export class ConsolePort implements PlatformPort {
  readonly platform = 'console';
  readonly limits = { perSecond: 1_000, perChatPerSecond: 1_000 };
  /** Answers are printed right under what was typed. */
  readonly answersInline = true;
  onMessage: (to: string, reply: Reply) => void = () => {};

  async send(m: OutboundMessage): Promise<SendResult> {
    if (platformOf(m.to.chatId) !== this.platform) return { ok: false, error: 'unreachable', reason: 'not a console chat id' };
    this.onMessage(m.to.chatId, m.reply);
    return { ok: true };
  }
}
