import { afterEach, expect, it } from "vitest";

import type { FacilitatorView } from "~/realtime/events";

import {
  closeAllClients,
  connectDisplay,
  connectFacilitator,
  connectParticipants,
  emit,
  goToPrompt,
  nextEvent,
  type TestSocket,
} from "../helpers/clients";
import { jsonElements } from "../helpers/backend";
import { query } from "../helpers/database";
import { startServerProcess, type ServerProcess } from "../helpers/process";
import { startRun } from "../helpers/server";

let server: ServerProcess;

afterEach(async () => {
  closeAllClients();
  await server?.stop("SIGKILL");
  expect(server.output()).not.toContain(" ERROR ");
});

/** The console's view without what a restart may change: how many phones and displays are connected right now. */
function persistent(view: FacilitatorView) {
  // Time goes on while the server is down: the timers' start is what persists.
  // Phones and displays connected right now come back in their own time.
  const { connected: _connected, displays: _displays, timing, ...rest } = view;
  return { ...rest, slideCameAfter: timing.runMs - timing.slideMs };
}

/** Every event a client receives from now on, in order. */
function record(socket: TestSocket): string[] {
  const events: string[] = [];
  socket.onAny((event: string) => events.push(event));
  return events;
}

it("survives a killed server: acknowledged answers are kept, the run resumes as it was, clients get a snapshot first", async () => {
  server = await startServerProcess();
  const { code, cookie } = await startRun(server, "every-prompt", 5);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  const { socket: display } = await connectDisplay(server.url, code);
  const phones = await connectParticipants(server.url, code, 6);

  await goToPrompt(facilitator, state, "check-in");
  await emit(facilitator, "prompt:open", { promptId: "check-in" });
  for (const [i, phone] of phones.entries()) {
    expect((await phone.answer("check-in", i === 5 ? { type: "pass" } : { type: "scale", value: 1 + (i % 5) })).ok).toBe(true);
  }
  // Check-in is closed and revealed; signs is left open when the server dies.
  await emit(facilitator, "prompt:close", { promptId: "check-in" });
  await emit(facilitator, "prompt:reveal", { promptId: "check-in" });
  await goToPrompt(facilitator, state, "signs");
  await emit(facilitator, "prompt:open", { promptId: "signs" });

  // A burst of answers, and the server is killed the moment the last is acknowledged.
  const acks = await Promise.all(phones.map((phone, i) => phone.answer("signs", { type: "multiple-choice", options: [i % 3] })));
  expect(acks.every((ack) => ack.ok)).toBe(true);
  const before = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
  const displayBefore = (await emit(display, "run:sync", {})).data;
  const received = [facilitator, display, phones[2]!.socket].map(record);
  expect(await server.stop("SIGKILL")).toBe(null);

  // A new server process on the same database file and port; clients reconnect on their own.
  const facilitatorBack = nextEvent(facilitator, "facilitator:state", () => true, 20_000);
  const displayBack = nextEvent(display, "audience:state", () => true, 20_000);
  const phoneBack = nextEvent(phones[2]!.socket, "participant:snapshot", () => true, 20_000);
  server = await startServerProcess({ DATABASE_FILE: server.dbFile, PORT: new URL(server.url).port });

  const after = await facilitatorBack;
  expect(persistent(after)).toEqual(persistent(before));
  // Six responses, counted in steps of k = 5 while open.
  expect(after.counts).toEqual({ responses: 5, passes: null });
  expect(after.slides.find((slide) => slide.prompt?.id === "check-in")?.status).toEqual({ phase: "closed", revealed: true });
  expect(await displayBack).toEqual(displayBefore);
  // The phone gets its own answer back from its stored key.
  expect((await phoneBack).mine).toEqual({ type: "multiple-choice", options: [2] });
  // On every reconnect the snapshot comes before anything else.
  expect(received.map((events) => events[0])).toEqual(["facilitator:state", "audience:state", "participant:snapshot"]);

  // The tallies, after the restart, equal a GROUP BY over what is stored.
  await emit(facilitator, "prompt:close", { promptId: "signs" });
  const closed = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
  const grouped = query(
    server.dbFile,
    `select cast(j.value as integer) as option, count(*) as n from responses r, ${jsonElements("r.answer", "j")} where r.prompt_id = 'signs' and not r.passed group by j.value order by 1`,
  );
  expect(grouped).toEqual([
    { option: 0, n: 2 },
    { option: 1, n: 2 },
    { option: 2, n: 2 },
  ]);
  expect(closed.results).toMatchObject({ status: "shown", tally: { options: [{ count: 2 }, { count: 2 }, { count: 2 }] } });

  await goToPrompt(facilitator, state, "check-in");
  const checkIn = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
  expect(checkIn.counts).toEqual({ responses: 6, passes: 1 });
  expect(checkIn.results).toMatchObject({ status: "shown", tally: { counts: [1, 1, 1, 1, 1], median: 3 } });
});
