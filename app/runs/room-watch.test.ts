import { describe, expect, it } from "vitest";

import { JUMP_WINDOW_MS, keepSamples, roomWarning, type RoomSample } from "./room-watch";

const at = (seconds: number, connected: number) => ({ at: seconds * 1000, connected });

/** With k = 5, so k − 1 (4) doesn't cap the thresholds these tests look at but in a room of 40. */
const roomWarning5 = (samples: RoomSample[], now: number, expected: number | null, underWay: boolean) =>
  roomWarning(samples, now, expected, underWay, 5);

describe("roomWarning", () => {
  it("warns when more phones are connected than the facilitator expects, from the first slide on", () => {
    expect(roomWarning5([at(0, 8), at(10, 9)], 10_000, 8, false)).toEqual({ kind: "over", connected: 9, expected: 8 });
    expect(roomWarning5([at(0, 8)], 0, 8, true)).toBeNull();
    expect(roomWarning5([at(0, 8)], 0, null, true)).toBeNull();
  });

  it("warns of a jump of 3 phones or a quarter of the room (never more than k − 1) within a minute once under way, and not while people arrive", () => {
    expect(roomWarning5([at(0, 8), at(20, 10)], 20_000, null, true)).toBeNull();
    expect(roomWarning5([at(0, 8), at(20, 11)], 20_000, null, true)).toEqual({ kind: "jump", added: 3 });
    expect(roomWarning5([at(0, 8), at(20, 11)], 20_000, null, false)).toBeNull();
    // 24 in the room: a quarter is 6, but with k = 5 four phones are enough to stand in for the rest of a group.
    expect(roomWarning([at(0, 24), at(5, 27)], 5_000, null, true, 5)).toBeNull();
    expect(roomWarning([at(0, 24), at(5, 28)], 5_000, null, true, 5)).toEqual({ kind: "jump", added: 4 });
    // With k = 20, a quarter of 24 it is.
    expect(roomWarning([at(0, 24), at(5, 29)], 5_000, null, true, 20)).toBeNull();
    expect(roomWarning([at(0, 24), at(5, 30)], 5_000, null, true, 20)).toEqual({ kind: "jump", added: 6 });
    // With k = 3, two phones are a jump.
    expect(roomWarning([at(0, 8), at(20, 10)], 20_000, null, true, 3)).toEqual({ kind: "jump", added: 2 });
    // A rise that took longer than a minute is no jump.
    expect(roomWarning5([at(0, 8), at(61, 9), at(130, 10), at(200, 11)], 200_000, null, true)).toBeNull();
    // The jump is measured from the lowest count in the window: phones that left and came back in a rush count.
    expect(roomWarning5([at(0, 10), at(10, 7), at(20, 11)], 20_000, null, true)).toEqual({ kind: "jump", added: 4 });
    // And it passes once the minute is over.
    expect(roomWarning5([at(0, 8), at(20, 11)], 20_000 + JUMP_WINDOW_MS + 1, null, true)).toBeNull();
  });
});

describe("keepSamples", () => {
  it("keeps the minute's samples and the one before them", () => {
    const samples = [at(0, 1), at(10, 2), at(100, 3), at(120, 4)];
    expect(keepSamples(samples, 150_000)).toEqual([at(10, 2), at(100, 3), at(120, 4)]);
    expect(keepSamples(samples, 1_000_000)).toEqual([at(120, 4)]);
  });
});
