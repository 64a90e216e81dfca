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
      replies.push(queue.add("run-1", {}, () => true, () => (answered.push(n), n * 10)));
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
      void queue.add("run-1", {}, () => true, () => slices.at(-1)!.push(n));
    }
    await nextTurn();
    await nextTurn();
    await nextTurn();
    expect(slices).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("builds each answer when its turn comes, so it says what is current then", async () => {
    const queue = queueOf(1);
    let slide = 1;
    const first = queue.add("run-1", {}, () => true, () => slide);
    const second = queue.add("run-1", {}, () => true, () => slide);
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
        .add("run-1", connection, () => !connection.gone, () => (built.push(n), n))
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
      "run-1",
      {},
      () => true,
      () => {
        throw new Error("database is locked");
      },
    );
    const next = queue.add("run-1", {}, () => true, () => "ok");
    await expect(failing).rejects.toThrow("database is locked");
    expect(await next).toBe("ok");
  });

  it("gives a connection's second request, while its first waits, the first's promise: one place, one answer built", async () => {
    const queue = queueOf(5);
    const phone = {};
    let built = 0;
    const first = queue.add("run-1", phone, () => true, () => `first ${++built}`);
    const second = queue.add("run-1", phone, () => true, () => `second ${++built}`);
    expect(second).toBe(first);
    expect(queue.pending()).toBe(1);
    expect(await second).toBe("first 1");
    // Once answered, the connection's next request is a new one, built anew.
    expect(await queue.add("run-1", phone, () => true, () => `third ${++built}`)).toBe("third 2");
  });

  it("counts a connection's copies as replies in a slice: perTurn replies a turn, however they were asked", async () => {
    const queue = queueOf(4);
    const answered: string[] = [];
    const flooding = {};
    const replies = [1, 2, 3].map(() => queue.add("a", flooding, () => true, () => answered.push("flooding")));
    void queue.add("a", {}, () => true, () => answered.push("second"));
    void queue.add("a", {}, () => true, () => answered.push("third"));
    await nextTurn();
    // Three replies to the flooding connection and one to the next: four in the turn.
    expect(answered).toEqual(["flooding", "second"]);
    await nextTurn();
    expect(answered).toEqual(["flooding", "second", "third"]);
    expect(new Set(await Promise.all(replies)).size).toBe(1);
  });

  it("takes a new request from a connection whose waiting one was dropped as gone", async () => {
    const queue = queueOf(5);
    const phone = { gone: false };
    void queue.add("run-1", phone, () => !phone.gone, () => "dropped");
    phone.gone = true;
    await nextTurn();
    phone.gone = false;
    expect(await queue.add("run-1", phone, () => !phone.gone, () => "answered")).toBe("answered");
  });

  it("lets the runs take turns, one request each, within a slice and from one slice to the next", async () => {
    const queue = queueOf(4);
    const answered: string[] = [];
    const ask = (run: string, n: number) => void queue.add(run, {}, () => true, () => answered.push(`${run}${n}`));
    for (let n = 1; n <= 5; n++) ask("a", n);
    ask("b", 1);
    ask("b", 2);
    ask("c", 1);
    await nextTurn();
    expect(answered).toEqual(["a1", "b1", "c1", "a2"]);
    // Run b comes next where the last slice left off; a run that came meanwhile joins the back of the line.
    ask("d", 1);
    await nextTurn();
    expect(answered.slice(4)).toEqual(["b2", "a3", "d1", "a4"]);
    await nextTurn();
    expect(answered.slice(8)).toEqual(["a5"]);
    expect(queue.pending()).toBe(0);
  });

  it("answers a long line of one run in order, a slice a turn, however its array is trimmed", async () => {
    const queue = queueOf(7);
    const answered: number[] = [];
    const replies: Array<Promise<number>> = [];
    for (let n = 0; n < 50; n++) replies.push(queue.add("a", {}, () => true, () => (answered.push(n), n)));
    await nextTurn();
    // More arrive while the line is being served.
    for (let n = 50; n < 60; n++) replies.push(queue.add("a", {}, () => true, () => (answered.push(n), n)));
    expect(await Promise.all(replies)).toEqual([...Array(60).keys()]);
    expect(answered).toEqual([...Array(60).keys()]);
  });

  it("answers in the order the requests came when answers are ready out of order, and starts no slice before they are", async () => {
    const queue = queueOf(2);
    const built: number[] = [];
    const replied: number[] = [];
    const ready = new Map<number, (value: number) => void>();
    for (let n = 1; n <= 3; n++) {
      void queue
        .add("run-1", {}, () => true, () => (built.push(n), new Promise<number>((resolve) => ready.set(n, resolve))))
        .then((reply) => replied.push(reply));
    }
    await nextTurn();
    expect(built).toEqual([1, 2]);
    // The second is ready first: nothing is replied before the first is.
    ready.get(2)!(2);
    await nextTurn();
    await nextTurn();
    expect(replied).toEqual([]);
    // The slice is still waiting: the third request's turn hasn't come.
    expect(built).toEqual([1, 2]);
    ready.get(1)!(1);
    await nextTurn();
    expect(replied).toEqual([1, 2]);
    await nextTurn();
    expect(built).toEqual([1, 2, 3]);
    ready.get(3)!(3);
    await nextTurn();
    expect(replied).toEqual([1, 2, 3]);
    expect(queue.pending()).toBe(0);
  });

  it("waits for an async `together`, rejects a request whose answer rejects, and rejects the slice's requests when `together` fails", async () => {
    const errors: unknown[] = [];
    let failTogether = false;
    const queue = new SyncQueue(
      5,
      async (answerSlice) => {
        await Promise.resolve();
        if (failTogether) throw new Error("storage went away");
        await answerSlice();
      },
      (error) => errors.push(error),
    );
    queues.push(queue);
    const failing = queue.add("run-1", {}, () => true, () => Promise.reject(new Error("database is locked")));
    const answered = queue.add("run-1", {}, () => true, async () => "ok");
    await expect(failing).rejects.toThrow("database is locked");
    expect(await answered).toBe("ok");
    expect(errors).toEqual([]);
    failTogether = true;
    await expect(queue.add("run-1", {}, () => true, () => "never")).rejects.toThrow("storage went away");
    expect(errors).toHaveLength(1);
  });

  it("answers nothing once closed", async () => {
    const queue = queueOf(5);
    let built = 0;
    void queue.add("run-1", {}, () => true, () => built++);
    queue.close();
    await nextTurn();
    await nextTurn();
    expect(built).toBe(0);
    expect(queue.pending()).toBe(0);
  });
});
