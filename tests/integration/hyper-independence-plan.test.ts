import { beforeAll, expect, it } from "vitest";

import type { Prompt } from "~/content/plan-schema";
import type { Answer, AudienceView, FacilitatorView, ParticipantSnapshot } from "~/realtime/events";

import { connectDisplay, connectFacilitator, connectParticipant, connectParticipants, emit, goToPrompt, nextEvent } from "../helpers/clients";
import { useTestServers } from "../helpers/lifecycle";
import { CONTENT_PLANS, startRun, type TestServer } from "../helpers/server";

/**
 * The shipped plans, run end to end on the real server with five phones: every
 * prompt works, and not a word of the facilitator's notes reaches a display or a phone.
 */
let server: TestServer;

const startServer = useTestServers("file");

beforeAll(async () => {
  server = await startServer({ plansDir: CONTENT_PLANS });
});

/** Some answer that fits the prompt, different per phone. */
function answerFor(prompt: Prompt, phone: number): Answer {
  switch (prompt.type) {
    case "single-choice":
      return { type: "single-choice", option: phone % prompt.options.length };
    case "multiple-choice":
      return { type: "multiple-choice", options: [phone % prompt.options.length] };
    case "scale":
      return { type: "scale", value: prompt.min + (phone % (prompt.max - prompt.min + 1)) };
    case "word-cloud":
      return { type: "word-cloud", words: [["rest", "asking", "trust"][phone % 3]!] };
    case "open-text":
      return { type: "open-text", text: `ask a friend for help #${phone}` };
    case "ranking":
      return { type: "ranking", order: prompt.options.map((_, i) => (i + phone) % prompt.options.length).slice(0, prompt.top) };
  }
}

/** A few words from each paragraph of the notes, as they would appear if they leaked. */
function notesFragments(notesHtml: string): string[] {
  return notesHtml
    .replace(/<[^>]+>/g, "\n")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 30)
    .map((line) => line.slice(10, 40));
}

/** The three labelled parts every slide's notes have, in the plan's language: what to say, how long, what to watch for. */
const NOTES_PARTS = {
  en: /Say:[\s\S]*Timing:[\s\S]*Watch for:/,
  es: /Di:[\s\S]*Tiempo:[\s\S]*Presta atención a:/,
  de: /Sagen:[\s\S]*Zeit:[\s\S]*Achte auf:/,
};

/** Runs every slide of a shipped plan with five phones, answering and revealing each prompt; checks no note leaks. */
async function runEverySlide(planId: string, lang: keyof typeof NOTES_PARTS = "en") {
  const { code, cookie } = await startRun(server, planId, 5);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  const { socket: display } = await connectDisplay(server.url, code);
  const phones = await connectParticipants(server.url, code, 5);
  const audienceSaw: Array<AudienceView | ParticipantSnapshot> = [];
  for (const socket of [display, ...phones.map((p) => p.socket)]) {
    socket.on("audience:state", (view) => audienceSaw.push(view));
    socket.onAny((_event: string, payload: unknown) => audienceSaw.push(payload as AudienceView));
  }

  expect(state.slides.length).toBeGreaterThanOrEqual(18);
  const scales = state.slides.flatMap((slide) => (slide.prompt?.type === "scale" ? [slide.prompt] : []));
  // Check-in and check-out ask on the same scale, and check-out is paired with check-in, so their distributions can be compared.
  const [checkIn, checkOut] = [scales.find((p) => p.id === "check-in"), scales.find((p) => p.id === "check-out")];
  expect(checkOut?.compareWith).toBe("check-in");
  expect(checkIn?.compareWith).toBeUndefined();
  expect(checkIn && { ...checkIn, id: "", question: "" }).toEqual(checkOut && { ...checkOut, id: "", question: "", compareWith: undefined });

  for (const slide of state.slides) {
    expect(slide.notesHtml).toMatch(NOTES_PARTS[lang]);
    const shown = nextEvent(display, "audience:state", (view) => view.slide.index === slide.index);
    expect((await emit(facilitator, "slide:go", { index: slide.index })).ok).toBe(true);
    const view = await shown;
    expect(view.slide.title).toBe(slide.title);
    if (!slide.prompt) continue;

    const promptId = slide.prompt.id;
    await emit(facilitator, "prompt:open", { promptId });
    const acks = await Promise.all(phones.map((phone, i) => phone.answer(promptId, answerFor(slide.prompt!, i))));
    expect(acks.map((ack) => ack.ok)).toEqual([true, true, true, true, true]);
    const revealed = nextEvent(display, "audience:state", (v) => v.slide.prompt?.revealed === true);
    await emit(facilitator, "prompt:reveal", { promptId });
    // Revealed while open: the five answers were released together (five is k), so the room sees them.
    const view_ = await revealed;
    expect(view_.results).toMatchObject({ status: "shown", tally: { type: slide.prompt.type, answers: 5 } });
    if (slide.prompt.type === "open-text" && view_.results?.status === "shown" && view_.results.tally.type === "open-text") {
      // Free text waits for the facilitator's approval before the room sees any of it.
      expect(view_.results.tally.entries).toEqual([]);
    }
    if (promptId === "check-out") {
      // Check-out is shown next to check-in's distribution (five answers each).
      expect(view_.comparison).toMatchObject({ promptId: "check-in", results: { status: "shown", tally: { type: "scale", answers: 5 } } });
    }
  }

  const everything = JSON.stringify(audienceSaw);
  expect(everything).not.toContain("notesHtml");
  // Words the slides themselves show may repeat in the notes; only words unique to the notes prove a leak.
  const public_ = JSON.stringify(state.slides.map(({ title, bodyHtml, prompt }) => ({ title, bodyHtml, prompt })));
  const fragments = state.slides.flatMap((slide) => notesFragments(slide.notesHtml)).filter((f) => !public_.includes(f));
  expect(fragments.length).toBeGreaterThan(50);
  for (const fragment of fragments) expect(everything).not.toContain(fragment);
  const final = (await emit(facilitator, "run:sync", {})).data as FacilitatorView;
  expect(final.current).toBe(state.slides.length - 1);
}

it("runs every slide of the hyper-independence plan, and its notes never leave the console", async () => {
  await runEverySlide("hyper-independence");
});

it("runs every slide of the hyper-independence plan in Spanish, and its notes never leave the console", async () => {
  await runEverySlide("hyper-independence-es", "es");
});

it("runs every slide of the German hyper-independence plan, and its notes never leave the console", async () => {
  await runEverySlide("hyper-independence-de", "de");
});

it("runs every slide of the closing-the-circle plan, the course's last session, and its notes never leave the console", async () => {
  await runEverySlide("closing-the-circle");
});

it("refuses “None of these right now” sent with another option, and takes it on its own", async () => {
  const { code, cookie } = await startRun(server, "hyper-independence", 5);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  const phone = await connectParticipant(server.url, code);
  const prompt = state.slides.find((slide) => slide.prompt?.id === "signs")!.prompt as Extract<Prompt, { type: "multiple-choice" }>;
  expect(prompt.options[prompt.exclusive!]).toBe("None of these right now");
  await goToPrompt(facilitator, state, "signs");
  expect((await emit(facilitator, "prompt:open", { promptId: "signs" })).ok).toBe(true);

  expect(await phone.answer("signs", { type: "multiple-choice", options: [0, prompt.exclusive!] })).toMatchObject({
    ok: false,
    error: { code: "invalid-answer", reason: "answers.chooseAlone", params: { option: "None of these right now" } },
  });
  expect(await phone.answer("signs", { type: "multiple-choice", options: [prompt.exclusive!] })).toMatchObject({
    ok: true,
    data: { answer: { type: "multiple-choice", options: [prompt.exclusive] } },
  });
});
