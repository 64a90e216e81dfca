// Preloaded into both benchmarked servers (NODE_OPTIONS=--import) by bench/run.ts; nothing else in a server changes.
// A full garbage collection on SIGUSR2, so that RSS is read after one. With BENCH_CPU_PROFILE=<dir>, a CPU profile of
// the whole run is written there at exit (Node doesn't allow --cpu-prof in NODE_OPTIONS), named BENCH_CPU_PROFILE_NAME.
// With BENCH_LOOP_FILE=<file>, the event loop's delay is sampled every millisecond, and on SIGWINCH (which nothing
// else uses) the figures since the last SIGWINCH are written to that file, numbered, and sampling starts afresh.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
process.on("SIGUSR2", () => gc());

const loopFile = process.env.BENCH_LOOP_FILE;
if (loopFile) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let window = 0;
  process.on("SIGWINCH", () => {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const figures = { window: ++window, maxMs: ms(delay.max), p99Ms: ms(delay.percentile(99)), samples: delay.count };
    fs.writeFileSync(`${loopFile}.tmp`, JSON.stringify(figures));
    fs.renameSync(`${loopFile}.tmp`, loopFile);
    delay.reset();
  });
}

const profileDir = process.env.BENCH_CPU_PROFILE;
if (profileDir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 200 });
  session.post("Profiler.start");
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      fs.mkdirSync(profileDir, { recursive: true });
      const name = `${process.env.BENCH_CPU_PROFILE_NAME ?? "server"}-${process.pid}.cpuprofile`;
      fs.writeFileSync(path.join(profileDir, name), JSON.stringify(result.profile));
    });
  });
}
