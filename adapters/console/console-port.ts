import type { OutboundMessage, PlatformPort, SendResult } from '../../src/ports/platform.js';
import type { Reply } from '../../src/ports/reply.js';

/** The console's outbound side: messages the bot starts are printed in the same terminal. */
export class ConsolePort implements PlatformPort {
  readonly platform = 'console';
  readonly limits = { perSecond: 1_000, perChatPerSecond: 1_000 };
  onMessage: (to: string, reply: Reply) => void = () => {};

  async send(m: OutboundMessage): Promise<SendResult> {
    this.onMessage(m.to.chatId, m.reply);
    return { ok: true };
  }
}
