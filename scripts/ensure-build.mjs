// Builds Beside when the production build is missing or older than its sources,
// so that `npm start` works on a fresh checkout. `--stamp` only records a build.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const stamp = "build/.sources-stamp";
const sources = ["app", "remix.config.js", "package.json", "package-lock.json"];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

const latest = Math.max(...sources.map(newestMtime));
const write = () => {
  fs.mkdirSync("build", { recursive: true });
  fs.writeFileSync(stamp, String(latest));
};

if (process.argv.includes("--stamp")) {
  write();
} else {
  const built = fs.existsSync("build/index.js") && fs.existsSync(stamp) ? Number(fs.readFileSync(stamp, "utf8")) : -1;
  // `npm run dev` writes a development build over ours without a stamp: a build newer than its stamp is not ours.
  const replaced = built !== -1 && fs.statSync("build/index.js").mtimeMs > fs.statSync(stamp).mtimeMs;
  if (built !== latest || replaced) {
    console.log("Building Beside (first start or changed sources)…");
    // Always a production build, whatever NODE_ENV the caller runs under (vitest sets "test").
    execFileSync("npx", ["remix", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    write();
  }
}
