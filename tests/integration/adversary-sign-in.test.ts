import { expect, it } from "vitest";

import { PASSWORD_CHECKS } from "~/auth/password.server";
import { staffEn } from "~/strings/en/staff-pages";

import { TEST_PASSWORD } from "../helpers/auth";
import { pageScripts, readAssetManifest } from "../helpers/bundle";
import { connectFacilitator, connectParticipant, emit, goToPrompt } from "../helpers/clients";
import { useTestServers } from "../helpers/lifecycle";
import { startRun, type TestServer } from "../helpers/server";

/**
 * Issue 14: someone floods the sign-in form with fresh addresses, so that no address is ever locked and
 * every post would cost a full scrypt check. Each check runs on Node's small thread pool, which static
 * files share: 32 at once made a joining phone wait 14–17 s for its page and up to 39 s for its scripts.
 */

const startServer = useTestServers();

const BUSY = staffEn.staff.refusals.busy;

interface Answer {
  status: number;
  retryAfter: string | null;
  busy: boolean;
}

/** The sign-in form, posted as a browser without JavaScript does, or (`fromScript`) as the page's own script does. */
function signInPost(server: TestServer, email: string, password: string, fromScript = false) {
  return fetch(`${server.url}/login${fromScript ? "?_data=routes%2Flogin" : ""}`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/library" }),
    redirect: "manual",
  });
}

/** HTML-escaped as the page shows it. */
const shown = (text: string) => text.replaceAll("'", "&#x27;");

it("a flood of sign-ins with fresh addresses is refused as busy past a few checks, never runs more than one at once, and a phone joins and answers meanwhile", async () => {
  const server = await startServer();
  const { passwords } = server.server.context.accounts;
  // The room opens before the flood (its facilitator signs in while nobody else is).
  const { code, cookie } = await startRun(server, "every-prompt", 3);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  await goToPrompt(facilitator, state, "check-in");
  expect((await emit(facilitator, "prompt:open", { promptId: "check-in" })).ok).toBe(true);
  const checksBefore = passwords.work.done;

  // The attack: 32 senders post at once, then each again half a second after its answer, every time with a
  // fresh address and a wrong password, until the phone is done. Half post as a plain form, half as the page's script.
  let phoneDone = false;
  let inFlight = 0;
  const answers: Answer[] = [];
  let firstAnswer!: () => void;
  const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
  const attack = Promise.all(
    Array.from({ length: 32 }, async (_, sender) => {
      for (let i = 0; !phoneDone && i < 40; i++) {
        inFlight += 1;
        const response = await signInPost(server, `guess-${sender}-${i}@example.org`, "a wrong password guess", sender % 2 === 1);
        const body = await response.text();
        inFlight -= 1;
        answers.push({ status: response.status, retryAfter: response.headers.get("retry-after"), busy: body.includes(shown(BUSY)) });
        firstAnswer();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }),
  );

  // A phone joins once the flood is under way: its page, every script the page loads, then an answer.
  await answered;
  const answersBeforePhone = answers.length;
  const page = await fetch(`${server.url}/j/${code}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("<html");
  const scripts = pageScripts(readAssetManifest(), "routes/j.$code");
  const loaded = await Promise.all(scripts.map(async (url) => {
    const response = await fetch(`${server.url}${url}`);
    return { url, status: response.status, bytes: (await response.arrayBuffer()).byteLength };
  }));
  expect(loaded.filter((script) => script.status !== 200 || script.bytes === 0)).toEqual([]);
  const phone = await connectParticipant(server.url, code);
  expect(await phone.answer("check-in", { type: "scale", value: 3 })).toMatchObject({ ok: true });
  const attackInFlightWhenPhoneDone = inFlight;
  const answersDuringPhone = answers.length - answersBeforePhone;
  phoneDone = true;
  await attack;

  // The phone was served while the flood went on: its posts were being answered before, during and after.
  expect(answersBeforePhone).toBeGreaterThan(0);
  expect(answersDuringPhone + attackInFlightWhenPhoneDone).toBeGreaterThan(0);

  // Every post was answered: a checked wrong password (401), or a clear refusal to wait (503, Retry-After, the words).
  const checked = answers.filter((answer) => answer.status === 401);
  const refused = answers.filter((answer) => answer.status === 503);
  expect(checked.length + refused.length).toBe(answers.length);
  expect(refused.every((answer) => answer.busy && Number(answer.retryAfter) >= 1)).toBe(true);
  // Most were refused, not queued: far fewer were checked than sent (SIGN_IN_RATE lets 10 through, then one every two seconds).
  expect(refused.length).toBeGreaterThan(0);
  expect(checked.length).toBeLessThan(answers.length / 2);
  // …and some were really checked: the flood was not refused wholesale.
  expect(checked.length).toBeGreaterThan(0);
  // Each post that was checked ran exactly one scrypt call; never more than one ran at once, nor more than nine waited.
  expect(passwords.work.done - checksBefore).toBe(checked.length);
  expect(passwords.work.mostInFlight).toBeLessThanOrEqual(PASSWORD_CHECKS.running);
  expect(passwords.work.mostWaiting).toBeLessThanOrEqual(PASSWORD_CHECKS.waiting);
  expect(passwords.work).toMatchObject({ inFlight: 0, waiting: 0 });

  // Once the flood is over, the facilitator signing in again is let in after the wait the refusal asks for.
  let signedIn: Response | undefined;
  for (let tries = 0; tries < 5 && signedIn?.status !== 302; tries++) {
    signedIn = await signInPost(server, "fran@example.org", TEST_PASSWORD);
    const wait = Number(signedIn.headers.get("retry-after") ?? 0);
    if (signedIn.status === 503) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
  expect(signedIn?.status).toBe(302);
}, 90_000);

it("lets a whole team signing in together at the start of a session in, none refused", async () => {
  const server = await startServer();
  const { accounts } = server.server.context;
  const team = Array.from({ length: PASSWORD_CHECKS.running + PASSWORD_CHECKS.waiting }, (_, i) => `member-${i}@example.org`);
  for (const email of team) {
    const created = await accounts.createAccount({ email, name: email, role: "facilitator", password: TEST_PASSWORD }, staffEn);
    expect(created.ok).toBe(true);
  }
  const answers = await Promise.all(team.map((email) => signInPost(server, email, TEST_PASSWORD)));
  expect(answers.map((answer) => answer.status)).toEqual(team.map(() => 302));
  expect(accounts.passwords.work.refused).toBe(0);
  expect(accounts.passwords.work.mostInFlight).toBe(PASSWORD_CHECKS.running);
}, 90_000);
