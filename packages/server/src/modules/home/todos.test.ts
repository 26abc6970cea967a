import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { TodoRegistry, type Todo } from './todos.js';

const item = (key: string): Todo => ({ key, title: key, description: '', link: null, level: 'info' });

describe('to-do registry', () => {
  it('lists the registered providers\' items in registration order and refuses a context registered twice', async () => {
    const r = new TodoRegistry();
    r.register('a', async () => [item('a1'), item('a2')]);
    r.register('b', async () => [item('b1')]);
    expect(() => r.register('a', async () => [])).toThrow(/twice/);
    const items = await r.todosFor({} as Db, {} as AuthContext);
    expect(items.map((t) => t.key)).toEqual(['a1', 'a2', 'b1']);
    expect(r.contexts()).toEqual(['a', 'b']);
  });
});
