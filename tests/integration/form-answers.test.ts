import { beforeAll, describe, expect, it } from "vitest";

import type { Answer, FacilitatorView } from "~/realtime/events";
import { responseKey } from "~/runs/secrets.server";

import { runSalt } from "../helpers/backend";
import { connectParticipant, emit, goToPrompt, newDeviceSecret, nextEvent, type TestSocket } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { textOf } from "../helpers/page-text";
import { lastTally } from "../helpers/record";
import { openRoom } from "../helpers/room";
import type { TestServer } from "../helpers/server";

/**
 * A phone without scripts: it enters, answers, passes, says "I'm in" and signals by plain form posts to the session's
 * page (app/routes/j.$code.tsx), which go through the socket's own dispatcher. Here the same answers go by form and
 * by socket, with real phones, a console and a display in the room.
 */
let server: TestServer;
const startServer = useTestServers("file");

beforeAll(async () => {
  server = await startServer();
});

/** A phone's browser without scripts: its cookies for the server, and form posts to the session's page. */
class FormPhone {
  readonly cookies = new Map<string, string>();
  readonly setCookies: string[] = [];

  constructor(
    private readonly code: string,
    device?: string,
    private readonly at: TestServer = server,
  ) {
    if (device) this.cookies.set(`beside_device_${code}`, device);
  }

  get device() {
    return this.cookies.get(`beside_device_${this.code}`);
  }

  /** Posts the page's form as Remix's data request does (the action's own JSON), with the phone's cookies; keeps the cookies it is given. */
  async post(fields: Array<[string, string]>) {
    const url = `${this.at.url}/j/${this.code}?_data=routes%2Fj.%24code`;
    const response = await fetch(url, {
      method: "POST",
      headers: { Cookie: this.cookieHeader(), Origin: this.at.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    });
    this.keep(response);
    return { status: response.status, body: (await response.json()) as Outcome };
  }

  /** Posts the page's form as a browser does: the page it gets back, as text. */
  async postPage(fields: Array<[string, string]>) {
    const response = await fetch(`${this.at.url}/j/${this.code}`, {
      method: "POST",
      headers: { Cookie: this.cookieHeader(), Origin: this.at.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    });
    this.keep(response);
    return { status: response.status, body: textOf(await response.text()) };
  }

  /** The session's page as this phone opens it, as text. */
  async page(query = "") {
    return textOf(await this.html(query));
  }

  /** The session's page as this phone opens it, its HTML. */
  async html(query = "") {
    const response = await fetch(`${this.at.url}/j/${this.code}${query}`, { headers: { Cookie: this.cookieHeader() } });
    this.keep(response);
    return response.text();
  }

  private cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair] = line.split(";");
      const [name, value] = pair!.split("=") as [string, string];
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

interface Outcome {
  intent: string;
  promptId?: string;
  refusal?: { code: string; reason: string; params?: Record<string, unknown> };
  draft?: Answer;
}

/** How a form says an answer: the answer form's named controls (app/prompts/<type>/input.tsx). */
function fieldsOf(promptId: string, answer: Answer): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ["promptId", promptId],
    ["intent", answer.type === "pass" ? "pass" : "answer"],
  ];
  if (answer.type === "single-choice") fields.push(["option", String(answer.option)]);
  if (answer.type === "multiple-choice") for (const option of answer.options) fields.push(["options", String(option)]);
  if (answer.type === "scale") fields.push(["value", String(answer.value)]);
  if (answer.type === "ranking") for (const option of answer.order) fields.push(["order", String(option)]);
  if (answer.type === "word-cloud") for (const word of answer.words) fields.push(["words", word]);
  if (answer.type === "open-text") fields.push(["text", answer.text]);
  return fields;
}

async function openPrompt(facilitator: TestSocket, state: FacilitatorView, promptId: string) {
  await goToPrompt(facilitator, state, promptId);
  expect((await emit(facilitator, "prompt:open", { promptId })).ok).toBe(true);
}

function storedFor(runId: string, promptId: string) {
  return query<{ response_key: string; answer: string; passed: number }>(
    server.dbFile,
    "select response_key, answer, passed from responses where run_id = ? and prompt_id = ?",
    runId,
    promptId,
  );
}

function saltOf(runId: string) {
  return query<{ response_key_salt: string }>(server.dbFile, `select ${runSalt} as response_key_salt from runs where id = ?`, runId)[0]!.response_key_salt;
}

describe("a phone without scripts", () => {
  it("enters from the content notes in one request: the session comes back at once, and its secret in a cookie for its page alone", async () => {
    const { code, facilitator, state } = await openRoom(server, { k: 3, phones: 0 });
    await openPrompt(facilitator, state, "belief");
    const phone = new FormPhone(code);
    expect(await phone.page()).toContain("Join the session");
    const entered = await phone.postPage([["intent", "enter"]]);
    expect(entered.status).toBe(200);
    // The question on screen, ready to answer, from the same response: no redirect, no second request.
    expect(entered.body).toContain("Which belief feels most familiar?");
    expect(entered.body).toContain("Send answer");
    expect(entered.body).not.toContain("Join the session");
    const device = phone.setCookies.find((line) => line.startsWith(`beside_device_${code}=`))!;
    expect(device).toMatch(new RegExp(`^beside_device_${code}=[A-Za-z0-9_-]{43}; Path=/j/${code}; Max-Age=86400; SameSite=Lax$`));
    // The entered cookie holds the moment it entered, marked for this run and secret: its posts count as a socket
    // connected then would.
    expect(phone.cookies.get(`beside_entered_${code}`)).toMatch(/^\d{13}\.[A-Za-z0-9_-]{43}$/);
    // And a reload (a GET) shows the session, not the notes.
    expect(await phone.page()).toContain("Which belief feels most familiar?");
    // Without scripts nothing arrives by itself: a page with nothing being filled in refreshes itself (read only
    // where scripts don't run), and one with the answer form doesn't, so nothing typed is lost.
    const refreshes = `<noscript><meta http-equiv="refresh" content="15; url=/j/${code}"/></noscript>`;
    expect(await phone.html()).not.toContain("http-equiv");
    expect((await phone.post([["intent", "pass"], ["promptId", "belief"]])).status).toBe(200);
    expect(await phone.html()).toContain(refreshes);
  });

  it("stores an answer under the key its secret gives by socket, once however often it is resent, and shows it", async () => {
    const { code, runId, facilitator, state, audience } = await openRoom(server, { k: 3, phones: 0 });
    await openPrompt(facilitator, state, "belief");
    const device = newDeviceSecret();
    const bySocket = await connectParticipant(server.url, code, { device, onSocket: audience.attach("socket phone") });
    const byForm = new FormPhone(code, device);
    await byForm.post([["intent", "enter"]]);

    expect((await bySocket.answer("belief", { type: "single-choice", option: 0 })).ok).toBe(true);
    const key = responseKey(saltOf(runId), device, "belief");
    expect(storedFor(runId, "belief")).toEqual([{ response_key: key, answer: "[0]", passed: 0 }]);

    // The same phone changes its answer by form: the same row, under the same key.
    for (let resend = 0; resend < 3; resend++) {
      const sent = await byForm.post(fieldsOf("belief", { type: "single-choice", option: 1 }));
      expect(sent).toEqual({ status: 200, body: { intent: "answer", promptId: "belief", answer: { type: "single-choice", option: 1 } } });
      // Stored before it is confirmed: the row is there when the post returns.
      expect(storedFor(runId, "belief")).toEqual([{ response_key: key, answer: "[1]", passed: 0 }]);
    }
    // The page says what this phone answered, from its cookie; a socket reconnecting with the secret is told the same.
    const page = await byForm.page();
    expect(page).toContain("Your answer is in");
    expect(page).toContain("You chose: Needing people gets me hurt");
    const again = await connectParticipant(server.url, code, { device });
    expect(again.snapshot.mine).toEqual({ type: "single-choice", option: 1 });

    // "Change my answer" without scripts: the page again, with the form and the answer chosen.
    const changing = await byForm.page("?change=belief");
    expect(changing).toContain("Send answer");

    // A pass by form replaces it, as a pass by socket does.
    expect(await byForm.post(fieldsOf("belief", { type: "pass" }))).toEqual({ status: 200, body: { intent: "pass", promptId: "belief", answer: { type: "pass" } } });
    expect(storedFor(runId, "belief")).toEqual([{ response_key: key, answer: "[]", passed: 1 }]);
    expect(await byForm.page()).toContain("You passed on this one.");
  });

  it("confirms an answer posted with no cookies at all (they had gone): the phone gets a secret, and its answer is in", async () => {
    const { code, runId, facilitator, state } = await openRoom(server, { k: 3, phones: 0 });
    await openPrompt(facilitator, state, "belief");
    const phone = new FormPhone(code);
    const page = await phone.postPage(fieldsOf("belief", { type: "single-choice", option: 0 }));
    expect(page.status).toBe(200);
    expect(page.body).toContain("Your answer is in");
    expect(page.body).toContain("You chose: I can only count on me");
    expect(storedFor(runId, "belief")).toEqual([{ response_key: responseKey(saltOf(runId), phone.device!, "belief"), answer: "[0]", passed: 0 }]);
  });

  it("is refused what a socket is refused, for the same reason, and keeps its answer and the earlier one", async () => {
    const { code, runId, facilitator, state } = await openRoom(server, { k: 3, phones: 0 });
    const device = newDeviceSecret();
    const bySocket = await connectParticipant(server.url, code, { device });
    const byForm = new FormPhone(code, device);
    await byForm.post([["intent", "enter"]]);
    const refusalOf = async (promptId: string, answer: Answer) => {
      const socket = await bySocket.answer(promptId, answer);
      const form = await byForm.post(fieldsOf(promptId, answer));
      expect(socket.ok, JSON.stringify(socket)).toBe(false);
      expect(form.status).toBe(400);
      // The page keeps what the phone said, to show it again in the form.
      expect(form.body.draft).toEqual(answer);
      return { socket: socket.error, form: form.body.refusal };
    };

    // A question not yet open.
    const notOpen = await refusalOf("check-in", { type: "scale", value: 3 });
    expect(notOpen.form).toEqual(notOpen.socket);
    expect(notOpen.form).toMatchObject({ code: "prompt-not-open", reason: "notOpen" });

    await openPrompt(facilitator, state, "check-in");
    expect((await bySocket.answer("check-in", { type: "scale", value: 4 })).ok).toBe(true);
    // Answers that don't fit the question: the same reason and parameters, and the stored answer stays.
    for (const [promptId, answer] of [
      ["check-in", { type: "scale", value: 9 }],
      ["check-in", { type: "scale", value: 0 }],
    ] as Array<[string, Answer]>) {
      const refused = await refusalOf(promptId, answer);
      expect(refused.form).toEqual(refused.socket);
      expect(refused.form?.code).toBe("invalid-answer");
    }
    expect(storedFor(runId, "check-in")).toEqual([expect.objectContaining({ answer: "[4]" })]);

    // A form that says nothing is refused with the question type's own words, before anything is sent.
    const empty = await byForm.post([
      ["promptId", "check-in"],
      ["intent", "answer"],
    ]);
    expect(empty).toEqual({ status: 400, body: { intent: "answer", promptId: "check-in", refusal: { code: "invalid-answer", reason: "answers.scale", params: { min: 1, max: 5 } } } });
    // Values a form can't mean are refused as a malformed message is over a socket.
    const garbled = await byForm.post([
      ["promptId", "check-in"],
      ["intent", "answer"],
      ["value", "three"],
    ]);
    expect(garbled.body.refusal).toMatchObject({ code: "invalid-payload", reason: "socket.badShape" });

    // During a break.
    expect((await emit(facilitator, "run:pause", { paused: true })).ok).toBe(true);
    const paused = await refusalOf("check-in", { type: "scale", value: 2 });
    expect(paused.form).toEqual(paused.socket);
    expect(paused.form).toMatchObject({ code: "paused", reason: "paused" });
    expect(storedFor(runId, "check-in")).toEqual([expect.objectContaining({ answer: "[4]" })]);

    // The page shows the refusal beside the form, in words.
    const page = await byForm.postPage(fieldsOf("check-in", { type: "scale", value: 2 }));
    expect(page.status).toBe(400);
    expect(page.body).toContain("We're taking a short break");
  });

  it("answers every prompt type by form, counted as by socket", async () => {
    const { code, runId, facilitator, state } = await openRoom(server, { k: 3, phones: 0 });
    const phone = new FormPhone(code);
    await phone.post([["intent", "enter"]]);
    const answers: Array<[string, Answer, string]> = [
      ["check-in", { type: "scale", value: 2 }, "[2]"],
      ["signs", { type: "multiple-choice", options: [0, 2] }, "[0,2]"],
      ["belief", { type: "single-choice", option: 1 }, "[1]"],
      ["strength", { type: "word-cloud", words: ["steady", "open"] }, '["steady","open"]'],
      ["small-ask", { type: "open-text", text: "Ask for a lift" }, '["Ask for a lift"]'],
    ];
    for (const [promptId, answer, stored] of answers) {
      await openPrompt(facilitator, state, promptId);
      expect(await phone.post(fieldsOf(promptId, answer))).toEqual({ status: 200, body: { intent: "answer", promptId, answer } });
      expect(storedFor(runId, promptId)).toEqual([{ response_key: responseKey(saltOf(runId), phone.device!, promptId), answer: stored, passed: 0 }]);
    }
  });

  it("says \"I'm in\" and sends signals by form: the console hears them as from a socket, a second tap within the minute once", async () => {
    const { code, facilitator, state } = await openRoom(server, { k: 3, phones: 0 });
    const phone = new FormPhone(code);
    await phone.post([["intent", "enter"]]);
    const agreement = state.slides.findIndex((slide) => slide.kind === "agreement");
    expect((await emit(facilitator, "slide:go", { index: agreement })).ok).toBe(true);
    const inCount = async () => ((await emit(facilitator, "run:sync", {})).data as FacilitatorView).agreement?.inCount;
    expect(await phone.post([["intent", "agree"], ["slideIndex", String(agreement)]])).toEqual({ status: 200, body: { intent: "agree" } });
    expect(await phone.post([["intent", "agree"], ["slideIndex", String(agreement)]])).toEqual({ status: 200, body: { intent: "agree" } });
    expect(await inCount()).toBe(1);
    expect(await phone.page()).toContain("You're in. Thank you.");
    // Not on screen any more: refused as over a socket.
    const wrong = await phone.post([["intent", "agree"], ["slideIndex", "0"]]);
    expect(wrong.body.refusal).toMatchObject({ reason: "agreementNotOnScreen" });

    const heard = nextEvent(facilitator, "facilitator:signals");
    expect(await phone.post([["intent", "signal"], ["kind", "pause"]])).toEqual({ status: 200, body: { intent: "signal", kind: "pause" } });
    expect(await heard).toMatchObject({ pause: 1 });
    // Tapped again: told it is sent (the first one arrived), and counted once.
    expect(await phone.post([["intent", "signal"], ["kind", "pause"]])).toEqual({ status: 200, body: { intent: "signal", kind: "pause" } });
    const page = await phone.postPage([["intent", "signal"], ["kind", "stepping-out"]]);
    expect(page.body).toContain("Take the time you need.");
    const counts = ((await emit(facilitator, "run:sync", {})).data as FacilitatorView).signals;
    expect(counts).toMatchObject({ pause: 1, steppingOut: 1 });
  });

  it("leaves nothing of a phone in the server's log, and an ended run's page clears its cookies", async () => {
    const { code, facilitator, state } = await openRoom(server, { k: 3, phones: 0 });
    await openPrompt(facilitator, state, "belief");
    const phone = new FormPhone(code);
    const logged = server.logs.length;
    await phone.postPage([["intent", "enter"]]);
    await phone.postPage(fieldsOf("belief", { type: "single-choice", option: 0 }));
    await phone.postPage([["intent", "signal"], ["kind", "pause"]]);
    const device = phone.device!;
    expect(server.logs.slice(logged).filter((line) => line.includes(device) || line.includes(`/j/${code}`))).toEqual([]);

    expect((await emit(facilitator, "run:end", {})).ok).toBe(true);
    expect(await phone.page()).toContain("This session has ended");
    expect(phone.cookies.size).toBe(0);
  });
});

describe("a phone without scripts, present in the room", () => {
  it("counts on the console while it is here, takes its address's place on entering, and gives it to its socket when its scripts arrive", async () => {
    const own = await startServer({ env: { PARTICIPANTS_PER_ADDRESS: "2" } });
    const { code, facilitator } = await openRoom(own, { k: 3, phones: 0 });
    const connected = async () => ((await emit(facilitator, "run:sync", {})).data as FacilitatorView).connected;
    const [first, second, third] = [new FormPhone(code, undefined, own), new FormPhone(code, undefined, own), new FormPhone(code, undefined, own)];
    expect((await first.post([["intent", "enter"]])).status).toBe(200);
    expect((await second.post([["intent", "enter"]])).status).toBe(200);
    expect(await connected()).toBe(2);
    // The address's two places are taken: a third phone is told so, and stays before the session.
    const refused = await third.postPage([["intent", "enter"]]);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain("This network already has as many phones in this session as it may.");
    expect(refused.body).toContain("Join the session");
    expect(third.cookies.has(`beside_entered_${code}`)).toBe(false);
    // Their scripts arrive: each phone's socket takes the place its forms held, and the console counts each once.
    await connectParticipant(own.url, code, { device: first.device! });
    await connectParticipant(own.url, code, { device: second.device! });
    expect(await connected()).toBe(2);
  });
});

describe("a phone without scripts, and the release of results", () => {
  it("counts towards a release when it entered before the question opened, and rides along like a late socket when after, however its cookie says otherwise", async () => {
    const { code, facilitator, state, audience } = await openRoom(server, { k: 3, phones: 0 });
    const early = [new FormPhone(code), new FormPhone(code), new FormPhone(code)];
    for (const phone of early) await phone.post([["intent", "enter"]]);
    await openPrompt(facilitator, state, "belief");
    expect((await emit(facilitator, "prompt:reveal", { promptId: "belief" })).ok).toBe(true);
    // It enters after the question opened: its answer can't complete a batch, so nobody can tell it apart.
    const late = new FormPhone(code);
    await late.post([["intent", "enter"]]);
    // A script's fakes can't pass as early: one claims a moment before the question opened, one borrows a real
    // phone's mark with a secret of its own. Both are late.
    const claimsEarly = new FormPhone(code);
    await claimsEarly.post([["intent", "enter"]]);
    claimsEarly.cookies.set(`beside_entered_${code}`, `${Date.now() - 3_600_000}`);
    const borrows = new FormPhone(code, newDeviceSecret());
    borrows.cookies.set(`beside_entered_${code}`, early[0]!.cookies.get(`beside_entered_${code}`)!);
    const answer = (phone: FormPhone, option: number) => phone.post(fieldsOf("belief", { type: "single-choice", option }));

    await answer(early[0]!, 0);
    await answer(early[1]!, 0);
    await answer(late, 1);
    await answer(claimsEarly, 1);
    await answer(borrows, 1);
    await audience.settle();
    expect(lastTally(audience, "display")).toBeUndefined();
    await answer(early[2]!, 1);
    await audience.settle();
    // Three on time: a release, which the late answers ride along with.
    expect(lastTally(audience, "display")).toMatchObject({ answers: 6 });
  });
});
