import type { ServerBuild } from "@remix-run/node";
// The same matchRoutes (react-router's, from @remix-run/router) that Remix's request handler resolves pages with.
import { matchRoutes } from "@remix-run/react";

/**
 * The pages whose requests are logged: staff pages only. Anything else, a participant's page, its scripts, a
 * socket, a path a phone guessed, leaves no line, so the log can't tell who joined, looked for help, or when.
 * A page added later is not logged until it is named here.
 */
export const LOGGED_ROUTES: ReadonlySet<string> = new Set([
  "routes/account",
  "routes/accounts",
  "routes/console.$code",
  "routes/courses.$courseKey._index",
  "routes/courses.$courseKey.compare",
  "routes/courses.$courseKey.history",
  "routes/f.$secret",
  "routes/library._index",
  "routes/library.$planKey._index",
  "routes/library.$planKey.compare",
  "routes/library.$planKey.edit",
  "routes/library.$planKey.export",
  "routes/library.$planKey.history",
  "routes/library.check",
  "routes/library.import",
  "routes/login",
  "routes/logout",
  "routes/runs.$runId",
  "routes/runs.$runId.export[.]csv",
  "routes/settings",
  "routes/setup",
]);

/** Pages whose address is a secret: logged by their route alone. */
const SECRET_ADDRESSES: Readonly<Record<string, string>> = { "routes/f.$secret": "/f/[secret]" };

type RouteTree = Parameters<typeof matchRoutes>[0][number] & { id: string };

function routeTree(build: ServerBuild, parentId: string | undefined): RouteTree[] {
  return Object.values(build.routes)
    .filter((route) => route.parentId === parentId)
    .map((route) => {
      const children = routeTree(build, route.id);
      const base = { id: route.id, path: route.path, caseSensitive: route.caseSensitive };
      return (route.index ? { ...base, index: true } : { ...base, children }) as RouteTree;
    });
}

/**
 * Decides, per request, what may be logged of it. The route is found as Remix finds it (case aside, percent-decoded,
 * trailing slash ignored), from the address as Remix reads it, so no spelling of a participant's page gets a line.
 */
export function requestLogPolicy(build: ServerBuild) {
  const tree = routeTree(build, undefined);
  return {
    /** The path to log for a request to `originalUrl`, or null when the request must leave no line. */
    loggedPath(originalUrl: string): string | null {
      let pathname: string;
      try {
        // As @remix-run/express builds the request's URL: the address appended to an origin, not resolved against it.
        pathname = new URL(`http://beside${originalUrl}`).pathname;
      } catch {
        return null;
      }
      const deepest = matchRoutes(tree, pathname)?.at(-1)?.route as RouteTree | undefined;
      if (!deepest || !LOGGED_ROUTES.has(deepest.id)) return null;
      return SECRET_ADDRESSES[deepest.id] ?? pathname;
    },
  };
}
