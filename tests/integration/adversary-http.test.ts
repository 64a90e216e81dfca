import http from "node:http";

import { describe, expect, it } from "vitest";

import { signIn } from "../helpers/auth";
import { useTestServers } from "../helpers/lifecycle";
import { startRun } from "../helpers/server";

/**
 * Someone trying to learn about participants over plain HTTP: slipping a script into a page.
 * Each test plays the attack against the real server and checks that it fails.
 */

const startServer = useTestServers("test");

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request from a chosen loopback address (a phone on its own network), with whatever headers it likes. */
function send(
  url: string,
  { from, method = "GET", form, headers = {} }: { from?: string; method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: body === undefined ? method : "POST",
        localAddress: from,
        headers: { ...(body !== undefined ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("a script slipped into a page", () => {
  it("runs nowhere: every page's policy allows only this server's scripts and this response's fresh nonce, which every inline script carries", async () => {
    const server = await startServer();
    const { code, cookie } = await startRun(server);
    const organiser = await signIn(server, "organiser");
    const pages: Array<[string, string?]> = [
      ["/"],
      ["/join"],
      [`/j/${code}`],
      [`/display/${code}`],
      ["/help"],
      ["/login"],
      ["/no-such-page"],
      ["/library", organiser],
      ["/settings", organiser],
      [`/console/${code}`, cookie],
    ];
    for (const [path, session] of pages) {
      const nonces: string[] = [];
      for (const _ of [1, 2]) {
        const reply = await send(`${server.url}${path}`, { headers: session ? { Cookie: session } : {} });
        expect(reply.headers["content-type"], path).toContain("text/html");
        const policy = String(reply.headers["content-security-policy"]);
        const directives = new Map(policy.split(";").map((part) => {
          const [name = "", ...values] = part.trim().split(/\s+/);
          return [name, values] as const;
        }));
        const scriptSrc = directives.get("script-src") ?? [];
        expect(scriptSrc, path).not.toContain("'unsafe-inline'");
        expect(scriptSrc.filter((source) => source !== "'self'"), path).toEqual([expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)]);
        const nonce = scriptSrc.find((source) => source.startsWith("'nonce-"))!.slice("'nonce-".length, -1);
        nonces.push(nonce);
        const tags = [...reply.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
        expect(tags.length, path).toBeGreaterThan(0);
        for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
        // The rest of the policy as before, through helmet.
        expect(directives.get("default-src"), path).toEqual(["'self'"]);
        expect(directives.get("img-src"), path).toEqual(["'self'", "data:"]);
        expect(directives.get("connect-src"), path).toEqual(["'self'", `ws://${new URL(server.url).host}`, `wss://${new URL(server.url).host}`]);
        expect(directives.get("frame-ancestors"), path).toEqual(["'none'"]);
        expect(directives.get("form-action"), path).toEqual(["'self'"]);
        expect(directives.get("base-uri"), path).toEqual(["'self'"]);
        expect(reply.headers["referrer-policy"], path).toBe("same-origin");
        expect(reply.headers["x-content-type-options"], path).toBe("nosniff");
        expect(reply.headers["x-frame-options"], path).toBe("DENY");
        expect(reply.headers["strict-transport-security"], path).toBeUndefined();
      }
      expect(new Set(nonces).size, path).toBe(2);
    }
  });
});
