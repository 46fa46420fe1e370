/** A button a platform shows under a reply; pressing it sends `command` back as if typed. */
export interface Button {
  label: string;
  command: string;
}

export type Attachment =
  | { kind: 'image'; filename: string; data: Uint8Array; alt: string }
  | { kind: 'file'; filename: string; mime: string; data: Uint8Array };

/**
 * What the core answers. Text is plain (no markup): each adapter escapes it for its
 * platform, so user text can never turn into formatting or a mention.
 */
export interface Reply {
  text: string;
  /** Carries personal data: only the person may see it (a DM, or an ephemeral reply). */
  private: boolean;
  buttons?: Button[][];
  attachment?: Attachment;
  /**
   * The person whose words this answer carries, when they are not the asker's own (a partner's
   * shared boundaries): a copy still waiting to be sent is erased with that person's data.
   */
  aboutPerson?: string;
  /**
   * Help in a heavy moment (a crisis reply, the /sos steps): it goes out first, like an SOS,
   * and no budget or cap against floods ever holds it back or drops it.
   */
  urgent?: boolean;
}

export function reply(text: string, opts: Partial<Omit<Reply, 'text'>> = {}): Reply {
  return { text, private: opts.private ?? true, ...opts };
}
