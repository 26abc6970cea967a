/**
 * Each role's to-do list on its home page, computed from the records (never stored, so never stale). Home owns
 * the list, not its items: every context registers a provider at app build time, so home imports no context and
 * no context's tables.
 */
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';

export interface Todo {
  key: string;
  title: string;
  description: string;
  link: string | null;
  level: 'info' | 'warning' | 'error';
}

/** A context's items for the signed-in caller (an empty list when none of its permissions apply). */
export type TodoProvider = (db: Db, auth: AuthContext) => Promise<Todo[]>;

/** The providers of one app, asked in the order they were registered (that order is the list's). */
export class TodoRegistry {
  readonly #providers: { context: string; provide: TodoProvider }[] = [];

  register(context: string, provide: TodoProvider): void {
    if (this.#providers.some((p) => p.context === context)) throw new Error(`to-do provider "${context}" is registered twice`);
    this.#providers.push({ context, provide });
  }

  contexts(): string[] {
    return this.#providers.map((p) => p.context);
  }

  async todosFor(db: Db, auth: AuthContext): Promise<Todo[]> {
    const out: Todo[] = [];
    for (const p of this.#providers) out.push(...(await p.provide(db, auth)));
    return out;
  }
}
