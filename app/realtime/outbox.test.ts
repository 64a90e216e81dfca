import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { Answer, AudienceView, Result, SubmittedResponse } from "./events";
import { AnswerOutbox, type PendingAnswer } from "./outbox";
import type { RequestResult } from "./request";

type Reply = RequestResult<"response:submit">;

const question = { id: "check-in", question: "How are you arriving?" };
const answer: Answer = { type: "scale", value: 3 };

/** A view with `promptId` on screen in `phase`. */
function viewWith(promptId: string | null, phase: "open" | "closed" = "open", paused = false): AudienceView {
  return {
    run: { paused },
    slide: { prompt: promptId ? { id: promptId, phase } : undefined },
  } as unknown as AudienceView;
}

/** An outbox whose sends wait for the test to reply, and a record of what it told the phone. */
function harness() {
  let connected = true;
  const sends: Array<{ payload: SubmittedResponse; reply: (result: Reply) => void }> = [];
  const told = { committed: [] as Answer[], notSent: [] as string[], states: [] as Array<PendingAnswer["state"] | null> };
  const outbox = new AnswerOutbox(
    {
      send: (payload) => new Promise<Reply>((resolve) => sends.push({ payload, reply: resolve })),
      isConnected: () => connected,
      changed: (pending) => told.states.push(pending?.state ?? null),
      committed: (_promptId, stored) => told.committed.push(stored),
      notSent: (text) => told.notSent.push(text),
    },
    { ackTimeoutMs: 100, retryDelayMs: () => 1000 },
  );
  const ok = (stored: Answer): Reply => ({ ok: true, data: { id: "x", promptId: question.id, answer: stored } });
  const error = (code: string): Reply => ({ ok: false, error: { code, reason: "answers.chooseOne" } }) as Result<never> as Reply;
  return {
    outbox,
    sends,
    told,
    ok,
    error,
    setConnected: (value: boolean) => (connected = value),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }));
afterEach(() => vi.useRealTimers());

describe("AnswerOutbox", () => {
  it("reports an answer as stored only when the server acknowledges it, in the form the server stored", async () => {
    const { outbox, sends, told, ok } = harness();
    outbox.submit("id-1", question, answer);
    expect(outbox.current()?.state).toBe("sending");
    expect(told.committed).toEqual([]);
    sends[0]!.reply(ok({ type: "scale", value: 3 }));
    await settle();
    expect(told.committed).toEqual([{ type: "scale", value: 3 }]);
    expect(outbox.current()).toBeNull();
  });

  it("sends the same answer again after a timeout, a server error or too-many, with the same id", async () => {
    const { outbox, sends, told, ok, error } = harness();
    outbox.submit("id-1", question, answer);
    for (const code of ["timeout", "server-error", "too-many"]) {
      sends.at(-1)!.reply(error(code));
      await settle();
      expect(outbox.current()?.state).toBe("waiting");
      vi.advanceTimersByTime(1000);
    }
    expect(sends.map((send) => send.payload.id)).toEqual(["id-1", "id-1", "id-1", "id-1"]);
    sends.at(-1)!.reply(ok(answer));
    await settle();
    expect(told.committed).toHaveLength(1);
  });

  it("waits while offline and sends on reconnect", async () => {
    const { outbox, sends, setConnected } = harness();
    setConnected(false);
    outbox.submit("id-1", question, answer);
    expect(sends).toHaveLength(0);
    expect(outbox.current()?.state).toBe("waiting");
    setConnected(true);
    outbox.reconnected();
    expect(sends.map((send) => send.payload.id)).toEqual(["id-1"]);
  });

  it("never drops an answer silently: when the server says its question closed first, the person is told it wasn't counted", async () => {
    const { outbox, sends, told, error } = harness();
    outbox.submit("id-1", question, answer);
    sends[0]!.reply(error("prompt-not-open"));
    await settle();
    expect(told.notSent).toEqual([question.question]);
    expect(told.committed).toEqual([]);
    expect(outbox.current()).toBeNull();
  });

  it("asks the server before saying an answer wasn't counted: one whose ack was lost may have been stored", async () => {
    const { outbox, sends, told, ok, error } = harness();
    outbox.submit("id-1", question, answer);
    sends[0]!.reply(error("timeout"));
    await settle();
    // The question closes and moves off screen while the answer waits to be sent again: it is sent now, not given up.
    outbox.stateChanged(viewWith(question.id, "closed"));
    expect(sends).toHaveLength(2);
    sends[1]!.reply(ok(answer));
    await settle();
    expect(told.committed).toEqual([answer]);
    expect(told.notSent).toEqual([]);

    outbox.submit("id-2", { id: "feel", question: "How do you feel?" }, answer);
    sends[2]!.reply(error("timeout"));
    await settle();
    outbox.stateChanged(viewWith("another"));
    sends[3]!.reply(error("prompt-not-open"));
    await settle();
    expect(told.notSent).toEqual(["How do you feel?"]);
  });

  it("forgets a refusal already shown once its question leaves the screen", async () => {
    const { outbox, sends, error, told } = harness();
    outbox.submit("id-1", question, answer);
    sends[0]!.reply(error("invalid-answer"));
    await settle();
    outbox.stateChanged(viewWith(question.id));
    expect(outbox.current()?.state).toBe("failed");
    outbox.stateChanged(viewWith("another"));
    expect(outbox.current()).toBeNull();
    expect(sends).toHaveLength(1);
    expect(told.notSent).toEqual([]);
  });

  it("holds an answer refused during a break and sends it when the session carries on", async () => {
    const { outbox, sends, error } = harness();
    outbox.submit("id-1", question, answer);
    sends[0]!.reply(error("paused"));
    await settle();
    expect(outbox.current()?.state).toBe("waiting");
    outbox.stateChanged(viewWith(question.id, "open", true));
    expect(sends).toHaveLength(1);
    outbox.stateChanged(viewWith(question.id));
    expect(sends).toHaveLength(2);
  });

  it("shows a final refusal to the person instead of retrying it", async () => {
    const { outbox, sends, error, told } = harness();
    outbox.submit("id-1", question, answer);
    sends[0]!.reply(error("invalid-answer"));
    await settle();
    expect(outbox.current()).toMatchObject({ state: "failed", refusal: { code: "invalid-answer", reason: "answers.chooseOne" } });
    vi.advanceTimersByTime(60_000);
    expect(sends).toHaveLength(1);
    expect(told.notSent).toEqual([]);
  });

  it("lets a newer answer take the place of one still on its way, so the older acknowledgement changes nothing", async () => {
    const { outbox, sends, told, ok } = harness();
    outbox.submit("id-1", question, answer);
    outbox.submit("id-2", question, { type: "scale", value: 5 });
    // The first one's acknowledgement arrives after the newer answer was made: the phone still waits for the newer one.
    sends[0]!.reply(ok(answer));
    await settle();
    expect(told.committed).toEqual([]);
    expect(outbox.current()).toMatchObject({ id: "id-2", state: "sending" });
    sends[1]!.reply(ok({ type: "scale", value: 5 }));
    await settle();
    expect(told.committed).toEqual([{ type: "scale", value: 5 }]);
  });

  it("does not send a replaced answer again after its timeout", async () => {
    const { outbox, sends, error } = harness();
    outbox.submit("id-1", question, answer);
    sends[0]!.reply(error("timeout"));
    await settle();
    outbox.submit("id-2", question, { type: "scale", value: 5 });
    vi.advanceTimersByTime(10_000);
    expect(sends.map((send) => send.payload.id)).toEqual(["id-1", "id-2"]);
  });
});
