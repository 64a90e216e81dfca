import os from "node:os";

import type { Config } from "~/config/env.server";

/**
 * The address phones should use to reach this server: PUBLIC_URL when set;
 * else, when the facilitator browses on localhost but the server listens on
 * every interface, this machine's LAN address; else the address in use.
 */
export function publicOrigin(request: Request, config: Config): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const url = new URL(request.url);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (loopback && (config.HOST === "0.0.0.0" || config.HOST === "::")) {
    const lan = lanAddress();
    if (lan) return `${url.protocol}//${lan}${url.port ? `:${url.port}` : ""}`;
  }
  return url.origin;
}

export function lanAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const found = addresses?.find((a) => a.family === "IPv4" && !a.internal);
    if (found) return found.address;
  }
  return undefined;
}
