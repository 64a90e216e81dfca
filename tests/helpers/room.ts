import { expect } from "vitest";

import type { Answer, FacilitatorView } from "~/realtime/events";

import { connectDisplay, connectFacilitator, connectParticipant, emit, goToPrompt, type TestParticipant, type TestSocket } from "./clients";
import { query } from "./database";
import { Recorder } from "./record";
import { startRun, type TestServer } from "./server";

/**
 * A run of the every-prompt plan (or `planId`) with privacy threshold `k`: a console, a
 * display and `phones` phones, every message they get recorded from the
 * first (the console's in `console_`, the display's and phones' in `audience`,
 * named "display" and "phone 1", "phone 2", …).
 */
export async function openRoom(server: TestServer, { k, phones: count, planId = "every-prompt" }: { k: number; phones: number; planId?: string }) {
  const { code, cookie } = await startRun(server, planId, k);
  const audience = new Recorder();
  const console_ = new Recorder();
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie, { onSocket: console_.attach("console") });
  const { socket: display } = await connectDisplay(server.url, code, { onSocket: audience.attach("display") });
  const phones: TestParticipant[] = [];
  for (let i = 1; i <= count; i++) phones.push(await connectParticipant(server.url, code, { onSocket: audience.attach(`phone ${i}`) }));
  const runId = query<{ id: string }>(server.dbFile, "select id from runs where code = ?", code)[0]!.id;
  return { code, runId, facilitator, state, display, phones, audience, console_ };
}

/**
 * One round of a question: the console goes to it and opens it, phone i
 * sends answers[i] (each must be taken), and the console closes it.
 */
export async function answerRound(
  room: { facilitator: TestSocket; state: FacilitatorView; phones: TestParticipant[] },
  promptId: string,
  answers: Answer[],
) {
  await goToPrompt(room.facilitator, room.state, promptId);
  expect((await emit(room.facilitator, "prompt:open", { promptId })).ok).toBe(true);
  for (const [i, answer] of answers.entries()) expect((await room.phones[i]!.answer(promptId, answer)).ok).toBe(true);
  expect((await emit(room.facilitator, "prompt:close", { promptId })).ok).toBe(true);
}
