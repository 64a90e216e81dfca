import { afterEach, expect, it } from "vitest";

import { responseKey } from "~/runs/secrets.server";

import { runSalt } from "../helpers/backend";
import { closeAllClients, connectFacilitator, connectParticipant, emit, goToPrompt } from "../helpers/clients";
import { query } from "../helpers/database";
import { SimulatedPhone } from "../helpers/phone";
import { startServerProcess, type ServerProcess } from "../helpers/process";
import { startRun } from "../helpers/server";

let server: ServerProcess | undefined;

afterEach(async () => {
  closeAllClients();
  await server?.stop();
  expect(server?.output()).not.toContain(" ERROR ");
});

it("when acknowledgements are lost after the commit, phones send again and every answer is stored once", async () => {
  // Half of all committed answers are never acknowledged, as on a flaky network.
  server = await startServerProcess({ NODE_ENV: "test", TEST_DROP_ACKS: "0.5" });
  const { code, cookie } = await startRun(server, "every-prompt", 5);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  await goToPrompt(facilitator, state, "check-in");
  expect((await emit(facilitator, "prompt:open", { promptId: "check-in" })).ok).toBe(true);
  const prompt = state.slides.find((slide) => slide.prompt?.id === "check-in")!.prompt!;

  // A short wait for an ack, so the test doesn't sit through the phone's 8 s; the logic is the phone's own.
  const outbox = { ackTimeoutMs: 400, retryDelayMs: () => 100 };
  const phones = await Promise.all(Array.from({ length: 40 }, () => SimulatedPhone.join(server!.url, code, { outbox })));

  // Each phone answers, then changes its mind once the first is acknowledged: the second answer must be the one stored.
  const first = (i: number) => ({ type: "scale" as const, value: 1 + (i % 5) });
  const second = (i: number) => ({ type: "scale" as const, value: 5 - (i % 5) });
  expect(await Promise.all(phones.map((phone, i) => phone.answer(prompt, first(i))))).toEqual(phones.map(() => "committed"));
  expect(await Promise.all(phones.map((phone, i) => phone.answer(prompt, second(i))))).toEqual(phones.map(() => "committed"));

  // Acks really were lost: the phones had to send again (80 answers, about 160 sends on average).
  const sends = phones.reduce((sum, phone) => sum + phone.sent, 0);
  expect(sends).toBeGreaterThan(100);

  const [run] = query<{ id: string; response_key_salt: string }>(server.dbFile, `select id, ${runSalt} as response_key_salt from runs`);
  const rows = query<{ response_key: string; answer: string }>(
    server.dbFile,
    "select response_key, answer from responses where run_id = ? and prompt_id = 'check-in'",
    run!.id,
  );
  expect(rows).toHaveLength(phones.length);
  const stored = new Map(rows.map((row) => [row.response_key, JSON.parse(row.answer) as number[]]));
  phones.forEach((phone, i) => {
    expect(stored.get(responseKey(run!.response_key_salt, phone.device, "check-in"))).toEqual([second(i).value]);
    expect(phone.committed.get("check-in")).toEqual(second(i));
  });
});

it("acknowledges a resent answer it already holds even after its question closed, and refuses any other; nothing is written", async () => {
  server = await startServerProcess();
  const { code, cookie } = await startRun(server, "every-prompt", 5);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  await goToPrompt(facilitator, state, "check-in");
  await emit(facilitator, "prompt:open", { promptId: "check-in" });
  const phone = await connectParticipant(server.url, code);
  const other = await connectParticipant(server.url, code);
  expect((await phone.answer("check-in", { type: "scale", value: 4 })).ok).toBe(true);

  // The phone never heard back; meanwhile the question closed, and then the slide moved on.
  await emit(facilitator, "prompt:close", { promptId: "check-in" });
  const before = query(server.dbFile, "select * from responses order by response_key");
  expect(await phone.answer("check-in", { type: "scale", value: 4 })).toMatchObject({ ok: true, data: { answer: { type: "scale", value: 4 } } });
  expect((await phone.answer("check-in", { type: "scale", value: 2 })).error?.code).toBe("prompt-not-open");
  expect((await other.answer("check-in", { type: "scale", value: 4 })).error?.code).toBe("prompt-not-open");
  await goToPrompt(facilitator, state, "belief");
  expect((await phone.answer("check-in", { type: "scale", value: 4 })).ok).toBe(true);
  expect((await other.answer("check-in", { type: "pass" })).error?.code).toBe("prompt-not-open");
  // During a break, too: the stored answer is acknowledged, any other is told to wait.
  expect((await emit(facilitator, "run:pause", { paused: true })).ok).toBe(true);
  expect((await phone.answer("check-in", { type: "scale", value: 4 })).ok).toBe(true);
  expect((await phone.answer("check-in", { type: "scale", value: 2 })).error?.code).toBe("paused");
  expect(query(server.dbFile, "select * from responses order by response_key")).toEqual(before);
});
