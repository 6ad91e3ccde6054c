/**
 * The command registry: each action of the keyboard map (`keys.ts`) gets one handler,
 * registered by the part of the UI that owns it, as VS Code registers commands. The key
 * handler, buttons and menus all run actions through it, so an action has one meaning.
 * No DOM: the context a handler gets is whatever the caller passes.
 */
import type { Action } from './keys';

/** Does the action; returns false when it does not apply now (the key keeps its usual meaning). */
export type CommandHandler<C> = (context: C) => boolean;

export class CommandRegistry<C> {
  private readonly handlers = new Map<Action, CommandHandler<C>>();

  /** Registers the one handler of an action; a second registration is a programming error. */
  register(action: Action, handler: CommandHandler<C>): void {
    if (this.handlers.has(action)) throw new Error(`renderer: the command "${action}" is already registered`);
    this.handlers.set(action, handler);
  }

  has(action: Action): boolean {
    return this.handlers.has(action);
  }

  /** Runs the action; false when it has no handler or its handler declined. */
  run(action: Action, context: C): boolean {
    const handler = this.handlers.get(action);
    return handler !== undefined && handler(context);
  }
}
