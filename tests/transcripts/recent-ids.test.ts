/**
 * The closed conversations a grouper and a slice joiner remember: the same ids,
 * forgotten in the same order, as a Set whose oldest entry is deleted past the limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../src/inputs/transcript/grouper.js';

/** What the grouper did before: a Set, oldest deleted on overflow. */
class SetModel {
  readonly ids = new Set<string>();
  constructor(private readonly limit: number) {}
  add(id: string) {
    this.ids.add(id);
    if (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value as string);
  }
}

describe('RecentIds', () => {
  it('remembers and forgets as a Set deleting its oldest entry, under any adds and deletes', () => {
    const op = fc.tuple(fc.constantFrom('add', 'add', 'delete', 'has'), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 400 }), (limit, ops) => {
        const recent = new RecentIds(limit);
        const model = new SetModel(limit);
        for (const [kind, n] of ops) {
          const id = `c${n}`;
          if (kind === 'add') {
            recent.add(id);
            model.add(id);
          } else if (kind === 'delete') expect(recent.delete(id)).toBe(model.ids.delete(id));
          else expect(recent.has(id)).toBe(model.ids.has(id));
          expect(recent.size).toBe(model.ids.size);
        }
        for (let n = 0; n <= 40; n++) expect(recent.has(`c${n}`)).toBe(model.ids.has(`c${n}`));
      }),
      { numRuns: 300 },
    );
  });

  it('stays the same over many more ids than it keeps, ids coming back after being forgotten', () => {
    const recent = new RecentIds(100);
    const model = new SetModel(100);
    for (let i = 0; i < 20_000; i++) {
      const id = `c${(i * 7919) % 5_000}`;
      if (i % 3 === 0) expect(recent.delete(id)).toBe(model.ids.delete(id));
      recent.add(id);
      model.add(id);
    }
    expect(recent.size).toBe(model.ids.size);
    for (let n = 0; n < 5_000; n++) expect(recent.has(`c${n}`)).toBe(model.ids.has(`c${n}`));
  });
});
