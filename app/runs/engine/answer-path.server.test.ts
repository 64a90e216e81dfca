import { describe, expect, it } from "vitest";

import { fail, ok } from "~/domain/result";
import type { ResponseWrite } from "~/models/response.server";
import type { Result } from "~/realtime/events";

import { MAX_GROUP, ResponseWriter } from "./answer-path.server";

const write = (i: number): ResponseWrite => ({ runId: "run", promptId: "p", responseKey: `key-${i}`, answer: { passed: false, values: [i % 3] } });

/** A writer whose commit records each group's size and answers as `commit` says (by default: every answer stored). */
function writerRecordingGroups(commit: (writes: ResponseWrite[]) => Array<Result<null>> = (writes) => writes.map(() => ok(null))) {
  const groups: number[] = [];
  const errors: unknown[] = [];
  const writer = new ResponseWriter(
    async (writes) => {
      groups.push(writes.length);
      return commit(writes);
    },
    (error) => errors.push(error),
  );
  return { writer, groups, errors };
}

describe("ResponseWriter", () => {
  it("commits what arrives in one turn as one group, after the turn", async () => {
    const { writer, groups } = writerRecordingGroups();
    const results = Array.from({ length: 10 }, (_, i) => writer.submit(write(i)));
    expect(groups).toEqual([]);
    expect(await Promise.all(results)).toEqual(Array.from({ length: 10 }, () => ok(null)));
    expect(groups).toEqual([10]);
  });

  it("commits a full group at once, without waiting for a turn a busy server may not reach", async () => {
    const { writer, groups } = writerRecordingGroups();
    const results = Array.from({ length: MAX_GROUP * 2 + 5 }, (_, i) => writer.submit(write(i)));
    // Still in the same turn: the two full groups are already committed.
    expect(groups).toEqual([MAX_GROUP, MAX_GROUP]);
    await Promise.all(results);
    expect(groups).toEqual([MAX_GROUP, MAX_GROUP, 5]);
  });

  it("gives each answer its own result, and a server error to every answer of a group that failed", async () => {
    const refusing = writerRecordingGroups((writes) => writes.map((_, i) => (i === 1 ? fail("prompt-not-open", { reason: "notOpen" }) : ok(null))));
    expect(await Promise.all([0, 1, 2].map((i) => refusing.writer.submit(write(i))))).toEqual([ok(null), fail("prompt-not-open", { reason: "notOpen" }), ok(null)]);

    const broken = writerRecordingGroups(() => {
      throw new Error("disk full");
    });
    const results = await Promise.all([0, 1].map((i) => broken.writer.submit(write(i))));
    expect(results.map((result) => !result.ok && result.error.code)).toEqual(["server-error", "server-error"]);
    expect(broken.errors).toHaveLength(1);
  });

  it("answers every write of a full group that failed, even when reporting the failure throws", async () => {
    const writer = new ResponseWriter(
      async () => {
        throw new Error("disk full");
      },
      () => {
        throw new Error("the log is gone too");
      },
    );
    // The write that fills the group commits it inside submit.
    const results = await Promise.all(Array.from({ length: MAX_GROUP }, (_, i) => writer.submit(write(i))));
    expect(results.every((result) => !result.ok && result.error.code === "server-error")).toBe(true);
  });
});
