import type { ServerProcess } from "./process";
import type { TestServer } from "./server";

/**
 * A page of the real server as a browser without scripts gets it: with `cookie` as its Cookie header, redirects not
 * followed. Returns its status, headers and HTML.
 */
export async function fetchPage(server: Pick<TestServer | ServerProcess, "url">, pathname: string, init: RequestInit & { cookie?: string } = {}) {
  const { cookie, ...rest } = init;
  const response = await fetch(`${server.url}${pathname}`, {
    redirect: "manual",
    ...rest,
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...(rest.headers as Record<string, string> | undefined) },
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}
