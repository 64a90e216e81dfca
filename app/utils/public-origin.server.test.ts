import { describe, expect, it } from "vitest";

import { parseConfig } from "~/config/env.server";

import { lanAddress, publicOrigin } from "./public-origin.server";

const request = (url: string) => new Request(url);

describe("publicOrigin: the address phones are shown", () => {
  it("prefers PUBLIC_URL when it is set", () => {
    const config = parseConfig({ PUBLIC_URL: "https://groups.example.org/" });
    expect(publicOrigin(request("http://localhost:3000/display/ABCDEF"), config)).toBe("https://groups.example.org");
  });

  it("uses the address the page was opened with when the server listens on it", () => {
    const config = parseConfig({ HOST: "localhost" });
    expect(publicOrigin(request("http://localhost:3000/console/ABCDEF"), config)).toBe("http://localhost:3000");
    const lan = parseConfig({ HOST: "0.0.0.0" });
    expect(publicOrigin(request("http://192.168.1.40:3000/display/ABCDEF"), lan)).toBe("http://192.168.1.40:3000");
  });

  it("replaces localhost with this machine's LAN address when listening on every interface", () => {
    const config = parseConfig({ HOST: "0.0.0.0" });
    const address = lanAddress();
    const expected = address ? `http://${address}:3000` : "http://localhost:3000";
    expect(publicOrigin(request("http://localhost:3000/display/ABCDEF"), config)).toBe(expected);
  });
});
