import { monitorEventLoopDelay } from "node:perf_hooks";

import { expect, it } from "vitest";

import { MAX_PLAN_BYTES } from "~/content/plan-schema";

import { signIn } from "../helpers/auth";
import { connectFacilitator, connectParticipant, emit, goToPrompt } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { startRun } from "../helpers/server";

/**
 * Issue 14: an organiser's account (or someone holding its sign-in) sends the editor's live check
 * (/library/check) plan text built to be slow to parse. The check runs on the event loop every live
 * room shares: a 190 KB block of deeply nested YAML held it for 2–3 s.
 */

const startServer = useTestServers();

const FRONT_MATTER = "---\nid: hostile\ntitle: Hostile\nsummary: Slow to read.\nduration: 30\naudience: anyone\n---\n";
const slide = (yaml: string) => `${FRONT_MATTER}\n# Hi\n\n\`\`\`prompt\n${yaml}\n\`\`\`\n`;

it("answers hostile 190 KB plans sent to the editor's check with a plan error at its line, while a room keeps answering", async () => {
  const server = await startServer();
  const organiser = await signIn(server, "organiser");
  const { code, cookie } = await startRun(server, "every-prompt", 3);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  await goToPrompt(facilitator, state, "check-in");
  expect((await emit(facilitator, "prompt:open", { promptId: "check-in" })).ok).toBe(true);
  const phone = await connectParticipant(server.url, code);

  const tooDeep = "prompt: is nested too deeply to read";
  const tooMuch = "prompt: holds more YAML than Beside reads in one plan or help list";
  // The prompt's YAML starts on line 12.
  const hostile: Array<[string, string, { line: number; message: string }]> = [
    ["brackets", slide("id: q\nx: " + "[".repeat(185_000)), { line: 13, message: tooDeep }],
    ["dashes", slide("id: q\n" + "- ".repeat(94_000) + "\ntype: scale"), { line: 13, message: tooDeep }],
    ["a long list", slide("x: [" + "a, ".repeat(62_000) + "a]"), { line: 12, message: tooMuch }],
    ["many anchors", slide(Array.from({ length: 12_000 }, (_, i) => `k${i}: &a${i} x`).join("\n")), { line: 12 + 4_996, message: tooMuch }],
  ];

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  for (const [shape, source, expected] of hostile) {
    expect(Buffer.byteLength(source), shape).toBeGreaterThan(150_000);
    expect(Buffer.byteLength(source), shape).toBeLessThanOrEqual(MAX_PLAN_BYTES);
    const checked = await fetch(`${server.url}/library/check`, {
      method: "POST",
      headers: { Cookie: organiser },
      body: new URLSearchParams({ source }),
    });
    expect(checked.status, shape).toBe(200);
    expect(await checked.json(), shape).toEqual({ ok: false, issues: [{ line: expected.line, message: expect.stringContaining(expected.message) }] });
    // The room goes on between checks: the phone's answer is stored.
    expect(await phone.answer("check-in", { type: "scale", value: 1 + (hostile.findIndex(([name]) => name === shape) % 5) }), shape).toMatchObject({ ok: true });
  }
  delay.disable();
  // A figure for the notes, not a limit: the machine may be busy.
  console.log(`event loop delay while checking ${hostile.length} hostile plans: max ${Math.round(delay.max / 1e6)} ms, mean ${Math.round(delay.mean / 1e6)} ms`);
  // Checking saved nothing.
  expect(query(server.dbFile, "select count(*) as n from plan_versions")).toEqual([{ n: 0 }]);
}, 60_000);
