import { connectDisplay, connectFacilitator, connectParticipant, type TestParticipant } from "./clients";
import { query } from "./database";
import { Recorder } from "./record";
import { startRun, type TestServer } from "./server";

/**
 * A run of the every-prompt plan with privacy threshold `k`: a console, a
 * display and `phones` phones, every message they get recorded from the
 * first (the console's in `console_`, the display's and phones' in `audience`,
 * named "display" and "phone 1", "phone 2", …).
 */
export async function openRoom(server: TestServer, { k, phones: count }: { k: number; phones: number }) {
  const { code, cookie } = await startRun(server, "every-prompt", k);
  const audience = new Recorder();
  const console_ = new Recorder();
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie, { onSocket: console_.attach("console") });
  const { socket: display } = await connectDisplay(server.url, code, { onSocket: audience.attach("display") });
  const phones: TestParticipant[] = [];
  for (let i = 1; i <= count; i++) phones.push(await connectParticipant(server.url, code, { onSocket: audience.attach(`phone ${i}`) }));
  const runId = query<{ id: string }>(server.dbFile, "select id from runs where code = ?", code)[0]!.id;
  return { code, runId, facilitator, state, display, phones, audience, console_ };
}
