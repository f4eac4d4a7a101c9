/**
 * Joins the conversations at the edges of JSON Lines slices, taken in input
 * order, so the grouping is the one a single reader of the whole file makes: a
 * conversation stays open until 64 others have been seen since its last
 * message; one seen again after that is a new part, with a warning.
 *
 * At each slice boundary the joiner holds the conversations still open there,
 * least recent first. A slice's early conversation continues one of them when
 * fewer than 64 others came in between: those after it at the boundary, plus
 * the ones the slice started first.
 */
import type { EdgeConversation, JobResult } from './jobs.js';
import { discontinuous, OPEN_CONVERSATIONS, RecentIds, REMEMBERED_CLOSED } from '../inputs/transcript/grouper.js';
import type { Conversation, LineProblem } from '../inputs/transcript/messages.js';

export class SliceJoiner {
  private window = new Map<string, Conversation>();
  private readonly closed = new RecentIds(REMEMBERED_CLOSED);

  constructor(private readonly finish: (conversation: Conversation) => void) {}

  /** Take a slice's result (in input order); returns the warnings it adds, for lines of that slice. */
  take(slice: JobResult): LineProblem[] {
    const ids = [...this.window.keys()];
    const position = new Map(ids.map((id, index) => [id, index]));
    const continued = new Map<EdgeConversation, Conversation>();
    for (const edge of slice.edges) {
      if (edge.ordinal === undefined) continue;
      const before = this.window.get(edge.conversation.id);
      if (!before) continue;
      const at = position.get(edge.conversation.id)!;
      const later = new Set(ids.slice(at + 1));
      let others = ids.length - 1 - at;
      for (let i = 0; i < edge.ordinal; i++) if (!later.has(slice.firstIds[i])) others++;
      if (others < OPEN_CONVERSATIONS) continued.set(edge, before);
    }
    const continuedIds = new Set([...continued.keys()].map((edge) => edge.conversation.id));
    const warnings: LineProblem[] = [];
    for (const [id, line] of slice.starts) {
      // Open at the boundary but not continued: it was closed before this line.
      if (this.window.has(id) && !continuedIds.has(id)) this.close(id);
      if (this.closed.delete(id)) warnings.push({ line, reason: discontinuous(id) });
    }
    for (const id of slice.closed) this.remember(id);
    for (const edge of slice.edges) {
      let conversation = edge.conversation;
      const before = continued.get(edge);
      if (before) {
        this.window.delete(conversation.id);
        conversation = { id: conversation.id, messages: before.messages.concat(conversation.messages) };
      }
      if (edge.open) this.window.set(conversation.id, conversation);
      else this.finish(conversation);
    }
    while (this.window.size > OPEN_CONVERSATIONS) this.close(this.window.keys().next().value as string);
    return warnings;
  }

  /** The input ended: every conversation still open is complete. */
  end(): void {
    for (const conversation of this.window.values()) this.finish(conversation);
    this.window.clear();
  }

  private close(id: string): void {
    const conversation = this.window.get(id)!;
    this.window.delete(id);
    this.finish(conversation);
    this.remember(id);
  }

  private remember(id: string): void {
    this.closed.add(id);
  }
}
