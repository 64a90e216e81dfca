import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";

import type { FacilitatorView } from "~/realtime/events";

import { closeAllClients, connectDisplay, connectFacilitator, connectParticipants, emit, goToPrompt, nextEvent } from "../helpers/clients";
import { startRun, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;

afterEach(async () => {
  closeAllClients();
  await server.stop();
});

/** The console's view without the one thing a restart may change: how many phones are connected right now. */
function persistent(view: FacilitatorView) {
  const { connected: _connected, ...rest } = view;
  return rest;
}

it("resumes a live run after a restart at the same slide, phases and tallies, and clients reconnect on their own", async () => {
  server = await startTestServer();
  const { code, cookie } = await startRun(server.url, "every-prompt", 5);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  const { socket: display } = await connectDisplay(server.url, code);
  const phones = await connectParticipants(server.url, code, 6);

  await goToPrompt(facilitator, state, "check-in");
  await emit(facilitator, "prompt:open", { promptId: "check-in" });
  await emit(facilitator, "prompt:reveal", { promptId: "check-in" });
  for (const [i, phone] of phones.entries()) {
    expect((await phone.answer("check-in", i === 5 ? { type: "pass" } : { type: "scale", value: 1 + (i % 5) })).ok).toBe(true);
  }
  await emit(facilitator, "prompt:close", { promptId: "check-in" });
  await goToPrompt(facilitator, state, "signs");
  await emit(facilitator, "prompt:open", { promptId: "signs" });
  expect((await phones[0]!.answer("signs", { type: "multiple-choice", options: [1, 2] })).ok).toBe(true);
  await goToPrompt(facilitator, state, "check-in");

  const before = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
  const displayBefore = (await emit(display, "run:sync", {})).data;
  expect(before.results).toMatchObject({ status: "shown", tally: { counts: [1, 1, 1, 1, 1], median: 3 } });

  // Stop the server and start a new one on the same database file and port.
  const facilitatorBack = nextEvent(facilitator, "facilitator:state", () => true, 15_000);
  const displayBack = nextEvent(display, "audience:state", () => true, 15_000);
  const phoneBack = nextEvent(phones[2]!.socket, "participant:snapshot", () => true, 15_000);
  server = await server.restart();

  const after = await facilitatorBack;
  expect(persistent(after)).toEqual(persistent(before));
  expect(after.slides.find((slide) => slide.prompt?.id === "signs")?.status).toEqual({ phase: "open", revealed: false });
  expect(await displayBack).toEqual(displayBefore);
  // The phone gets its own answer back from the stored key.
  expect((await phoneBack).mine).toEqual({ type: "scale", value: 3 });

  // And the run goes on: tallies stay equal to a GROUP BY over what is stored.
  await goToPrompt(facilitator, after, "signs");
  await Promise.all(phones.slice(1).map((phone) => phone.answer("signs", { type: "multiple-choice", options: [0] })));
  const tally = await nextEvent(facilitator, "facilitator:tally", (t) => t.promptId === "signs" && t.counts?.responses === 6);
  const db = new Database(server.dbFile, { readonly: true });
  const grouped = db
    .prepare(
      "select j.value as option, count(*) as n from responses r, json_each(r.answer) j where r.prompt_id = 'signs' and r.passed = 0 group by j.value order by j.value",
    )
    .all();
  db.close();
  expect(grouped).toEqual([
    { option: 0, n: 5 },
    { option: 1, n: 1 },
    { option: 2, n: 1 },
  ]);
  expect(tally.results).toMatchObject({ status: "shown", tally: { options: [{ count: 5 }, { count: 1 }, { count: 1 }] } });
});
