import { pageScripts, readAssetManifest } from "../tests/helpers/bundle";
import { closeAllClients, connectParticipant } from "../tests/helpers/clients";

/** How long a phone joining takes: its page, then every script the page loads, then its realtime connection's first snapshot. */
export interface PhoneJoin {
  pageMs: number;
  scriptsMs: number;
  connectedMs: number;
}

async function joinOnce(url: string, code: string): Promise<PhoneJoin> {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const page = await fetch(`${url}/j/${code}`);
  if (page.status !== 200) throw new Error(`the phone page answered ${page.status}`);
  await page.text();
  const pageMs = since();
  await Promise.all(pageScripts(readAssetManifest(), "routes/j.$code").map(async (script) => (await fetch(`${url}${script}`)).arrayBuffer()));
  const scriptsMs = since();
  const phone = await connectParticipant(url, code);
  const connectedMs = since();
  phone.socket.disconnect();
  return { pageMs, scriptsMs, connectedMs };
}

/**
 * `npm run bench -- --sign-in-flood`: a phone joins a run three times while nobody signs in, three times while
 * 32 senders post the sign-in form with a fresh address and a wrong password (each again half a second after its
 * answer), and once after. Prints each join's times and what the flood's posts got; the figure is the phone's.
 */
export async function measureSignInFlood(url: string, code: string, log: (message: string) => void) {
  const joins: Array<{ when: "calm" | "flood" | "after"; join: PhoneJoin }> = [];
  for (let i = 0; i < 3; i++) joins.push({ when: "calm", join: await joinOnce(url, code) });
  let flooding = true;
  const statuses = new Map<number, number>();
  const flood = Promise.all(
    Array.from({ length: 32 }, async (_, sender) => {
      for (let i = 0; flooding; i++) {
        const response = await fetch(`${url}/login`, {
          method: "POST",
          body: new URLSearchParams({ email: `flood-${sender}-${i}@example.org`, password: "a wrong password guess", redirectTo: "/library" }),
          redirect: "manual",
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }),
  );
  log("sign-in flood: 32 senders");
  for (let i = 0; i < 3; i++) joins.push({ when: "flood", join: await joinOnce(url, code) });
  flooding = false;
  await flood;
  joins.push({ when: "after", join: await joinOnce(url, code) });
  closeAllClients();
  console.log(`\nwhen   page ms  scripts ms  connected ms\n${joins
    .map(({ when, join }) => `${when.padEnd(5)}  ${String(join.pageMs).padStart(7)}  ${String(join.scriptsMs).padStart(10)}  ${String(join.connectedMs).padStart(12)}`)
    .join("\n")}\n`);
  const posts = [...statuses].map(([status, count]) => `${count} × ${status}`).join(", ");
  console.log(`The flood's sign-in posts got: ${posts} (401: checked and wrong; 503: refused as busy).\n`);
  return { joins, posts: Object.fromEntries(statuses) };
}
