import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { signIn } from "../helpers/auth";
import { useTestServers } from "../helpers/lifecycle";
import { startTestServer } from "../helpers/server";

const startServer = useTestServers("file");

/** A page's text with React's markers between text pieces taken out. */
async function pageOf(url: string, cookie?: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  return { status: response.status, html: (await response.text()).replaceAll("<!-- -->", "") };
}

describe("the facilitator guide in the app", () => {
  it("lists its pages in order for anyone, signed in or not, and links each page to the next", async () => {
    const server = await startServer();
    const index = await pageOf(`${server.url}/guide`);
    expect(index.status).toBe(200);
    expect(index.html).toContain('<html lang="en"');
    expect(index.html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(index.html).toContain(`<h1 lang="en">A guide for peer facilitators</h1>`);
    const links = [...index.html.matchAll(/<li><a [^>]*href="\/guide\/([a-z-]+)"/g)].map((match) => match[1]);
    expect(links).toEqual(["your-role", "before-a-session", "when-someone-is-distressed", "pause-signals", "written-answers", "safeguarding", "afterwards"]);
    // A visitor gets a way to sign in, not the staff header.
    expect(index.html).toContain('href="/login"');
    expect(index.html).not.toContain("Sign out");

    const page = await pageOf(`${server.url}/guide/pause-signals`);
    expect(page.status).toBe(200);
    expect(page.html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.html).toContain(`<h1 lang="en">Pause and stepping-out signals</h1>`);
    expect(page.html).toContain("<strong>Never ask who.</strong>");
    expect(page.html).toContain('href="/guide/when-someone-is-distressed"');
    expect(page.html).toContain('href="/guide/when-someone-is-distressed">Previous: When someone is distressed or shares their story</a>');
    expect(page.html).toContain('href="/guide/written-answers">Next: Written answers: what to approve, what to hide</a>');

    // Someone signed in reads it under the staff header, which links to it from every staff page.
    const staff = await pageOf(`${server.url}/guide/safeguarding`, await signIn(server, "facilitator"));
    expect(staff.html).toContain("Sign out");
    const library = await pageOf(`${server.url}/library`, await signIn(server, "facilitator"));
    expect(library.html).toMatch(/<a [^>]*href="\/guide"[^>]*>Facilitator guide<\/a>/);
  });

  it("answers an address that is no page of the guide with 404", async () => {
    const server = await startServer();
    for (const address of ["/guide/no-such-page", "/guide/README", "/guide/..%2Fplans"]) {
      expect((await pageOf(`${server.url}${address}`)).status, address).toBe(404);
    }
  });

  it("refuses to start with a broken guide page, naming its file and line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-guide-"));
    for (const name of fs.readdirSync("content/guide").filter((name) => name.endsWith(".md"))) fs.copyFileSync(path.join("content/guide", name), path.join(dir, name));
    fs.writeFileSync(path.join(dir, "afterwards.md"), "Looking after yourself afterwards, without its # title.\n");
    fs.rmSync(path.join(dir, "safeguarding.md"));
    const start = startTestServer({ env: { GUIDE_DIR: dir } });
    await expect(start).rejects.toThrow(`${dir}/afterwards.md:1: a page starts with its title`);
    await expect(start).rejects.toThrow(`${dir}/README.md:16: safeguarding.md is listed but there is no such file`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
