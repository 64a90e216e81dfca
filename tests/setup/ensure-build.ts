import { execFileSync } from "node:child_process";

/** Integration tests run the real server, which serves the production Remix build. */
export default function setup() {
  execFileSync("node", ["scripts/ensure-build.mjs"], { stdio: "inherit" });
}
