/**
 * Group commit, as databases do it: the items that arrive while a group is being made durable
 * wait and go together in the next group, so a batch pays one fsync (or one transaction) per
 * group rather than per letter, and no item waits for more than the group before its own.
 *
 * Used by the file ledger's manifest (a group of lines, one fsync) and the PostgreSQL ledger's
 * worker (a group of outcomes, one transaction).
 */
export class GroupCommit<I, R> {
  private queue: Array<{ item: I; done: (result: R) => void; fail: (err: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;

  /**
   * @param commitGroup makes a group durable and answers one result per item, in order; when it
   *   throws, every item of that group fails with its error and the next group is still tried.
   */
  constructor(private readonly commitGroup: (items: I[]) => readonly R[] | Promise<readonly R[]>) {}

  /** Resolves with the item's result once its group is committed. */
  commit(item: I): Promise<R> {
    return new Promise<R>((done, fail) => {
      this.queue.push({ item, done, fail });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let the items that arrive in this turn of the event loop join the first group.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length) {
      const group = this.queue;
      this.queue = [];
      try {
        const results = await this.commitGroup(group.map((g) => g.item));
        group.forEach((g, i) => g.done(results[i]!));
      } catch (err) {
        for (const g of group) g.fail(err);
      }
    }
    this.flushing = undefined;
  }
}
