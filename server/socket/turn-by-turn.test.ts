import { describe, expect, it } from "vitest";

import { TurnByTurn } from "./turn-by-turn";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("TurnByTurn", () => {
  it("schedules the next slice only once a slice that waits has settled, and reports a slice that rejects", async () => {
    const errors: unknown[] = [];
    const turns = new TurnByTurn((error) => errors.push(error));
    const started: number[] = [];
    let finish!: (more: boolean) => void;
    let slices = 0;
    turns.later(() => {
      started.push(++slices);
      if (slices === 3) return Promise.reject(new Error("storage went away"));
      return new Promise<boolean>((resolve) => (finish = resolve));
    });
    await nextTurn();
    expect(started).toEqual([1]);
    // Turns pass while the first slice waits: no second slice starts beside it.
    await nextTurn();
    await nextTurn();
    expect(started).toEqual([1]);
    finish(true);
    await nextTurn();
    await nextTurn();
    expect(started).toEqual([1, 2]);
    finish(true);
    await nextTurn();
    await nextTurn();
    expect(started).toEqual([1, 2, 3]);
    expect(errors).toEqual([new Error("storage went away")]);
    // None follows a slice that failed.
    await nextTurn();
    expect(started).toEqual([1, 2, 3]);
    turns.close();
  });
});
