import type { Button } from '../../src/index.js';

/**
 * The buttons each person at the console can press by typing a number. Every person keeps
 * their own list, numbered from 1: an answer with new buttons starts it afresh, and a message
 * that reaches them while someone else is speaking adds to it, so after `/as NAME` they can
 * still press what arrived for them.
 */
export class ButtonBook {
  private readonly byPerson = new Map<string, Button[]>();

  /** New buttons were shown to the person: the ones before belong to an older answer. */
  clear(person: string): void {
    this.byPerson.delete(person);
  }

  /** Adds the buttons under a message to `person`; returns the number the first one gets. */
  add(person: string, buttons: readonly Button[]): number {
    const list = this.byPerson.get(person) ?? [];
    const first = list.length + 1;
    list.push(...buttons);
    if (list.length > 0) this.byPerson.set(person, list);
    return first;
  }

  /** The button `person` pressed by typing `n`; undefined when they have no such button. */
  press(person: string, n: number): Button | undefined {
    return this.byPerson.get(person)?.[n - 1];
  }

  count(person: string): number {
    return this.byPerson.get(person)?.length ?? 0;
  }
}
