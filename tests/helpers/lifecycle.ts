import { afterAll, afterEach, expect } from "vitest";

import { closeAllClients } from "./clients";
import { startTestServer, type TestServer } from "./server";

/**
 * Starts test servers that are cleaned up for you: after each test (or, with
 * "file", after the file's last test) clients are closed, every server is
 * stopped, and a server that logged an error fails the test.
 */
export function useTestServers(scope: "test" | "file" = "test") {
  const started: TestServer[] = [];
  (scope === "test" ? afterEach : afterAll)(async () => {
    closeAllClients();
    for (const server of started.splice(0)) {
      await server.stop();
      expect(server.errors()).toEqual([]);
    }
  });
  return async (options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> => {
    const server = await startTestServer(options);
    started.push(server);
    return server;
  };
}
