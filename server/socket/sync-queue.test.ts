import { afterEach, describe, expect, it } from "vitest";

import { SyncQueue } from "./sync-queue";

const queues: SyncQueue[] = [];
afterEach(() => {
  for (const queue of queues.splice(0)) queue.close();
});

function queueOf(perTurn: number, together?: (answerSlice: () => void) => void) {
  const queue = new SyncQueue(perTurn, together);
  queues.push(queue);
  return queue;
}

/** The next turn of the event loop: the queue's own setImmediate, made earlier, has run by then. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("SyncQueue", () => {
  it("answers at most perTurn requests a turn, in the order they came, none in the turn that read them", async () => {
    const queue = queueOf(3);
    const answered: number[] = [];
    const replies: Array<Promise<number>> = [];
    for (let n = 1; n <= 7; n++) {
      replies.push(queue.add(() => true, () => (answered.push(n), n * 10)));
    }
    expect(answered).toEqual([]);
    await nextTurn();
    expect(answered).toEqual([1, 2, 3]);
    await nextTurn();
    expect(answered).toEqual([1, 2, 3, 4, 5, 6]);
    await nextTurn();
    expect(answered).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(queue.pending()).toBe(0);
    expect(await Promise.all(replies)).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it("builds a slice's answers in one call of `together` (the engine's shared reads), one call a turn", async () => {
    const slices: number[][] = [];
    const queue = queueOf(2, (answerSlice) => {
      slices.push([]);
      answerSlice();
    });
    for (let n = 1; n <= 5; n++) {
      void queue.add(() => true, () => slices.at(-1)!.push(n));
    }
    await nextTurn();
    await nextTurn();
    await nextTurn();
    expect(slices).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("builds each answer when its turn comes, so it says what is current then", async () => {
    const queue = queueOf(1);
    let slide = 1;
    const first = queue.add(() => true, () => slide);
    const second = queue.add(() => true, () => slide);
    slide = 2;
    expect(await first).toBe(2);
    slide = 3;
    expect(await second).toBe(3);
  });

  it("drops a request whose connection closed before its turn: nothing built, no reply, no place in the slice", async () => {
    const queue = queueOf(2);
    const connections = [{ gone: false }, { gone: false }, { gone: false }];
    const built: number[] = [];
    const settled: number[] = [];
    connections.forEach((connection, n) => {
      void queue
        .add(() => !connection.gone, () => (built.push(n), n))
        .then((reply) => settled.push(reply));
    });
    connections[1]!.gone = true;
    await nextTurn();
    // The closed one gave its place to the next: two answered in this turn.
    expect(built).toEqual([0, 2]);
    expect(queue.pending()).toBe(0);
    await nextTurn();
    expect(settled).toEqual([0, 2]);
  });

  it("rejects a request whose answer throws, and answers the rest", async () => {
    const queue = queueOf(5);
    const failing = queue.add(
      () => true,
      () => {
        throw new Error("database is locked");
      },
    );
    const next = queue.add(() => true, () => "ok");
    await expect(failing).rejects.toThrow("database is locked");
    expect(await next).toBe("ok");
  });

  it("answers nothing once closed", async () => {
    const queue = queueOf(5);
    let built = 0;
    void queue.add(() => true, () => built++);
    queue.close();
    await nextTurn();
    await nextTurn();
    expect(built).toBe(0);
    expect(queue.pending()).toBe(0);
  });
});
