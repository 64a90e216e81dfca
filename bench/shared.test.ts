import { describe, expect, it } from "vitest";

import { medianOfRuns, percentile, type AnswerStats } from "./shared";

const run = (ackP99: number, cpu: number, extra: Partial<AnswerStats> = {}): AnswerStats => ({
  sent: 100,
  acked: 100,
  failed: {},
  ack: { p50: ackP99 / 2, p99: ackP99, max: ackP99 + 1 },
  voteToTally: { p50: ackP99, p99: ackP99 * 2, max: ackP99 * 2 + 1 },
  noTally: 0,
  lost: 0,
  duplicates: 0,
  senderLagMs: 1,
  driverLoopP99Ms: 2,
  driverCpuPct: 50,
  serverCpuPct: 90,
  serverCpuMsPerAnswer: cpu,
  ...extra,
});

describe("medianOfRuns", () => {
  it("takes the median of each latency and CPU figure on its own, so one disturbed burst doesn't decide any", () => {
    // The slowest burst by latency is not the costliest by CPU: each figure has its own middle run.
    const combined = medianOfRuns([run(40, 0.1), run(900, 0.2), run(50, 0.5)]);
    expect(combined.ack).toEqual({ p50: 25, p99: 50, max: 51 });
    expect(combined.voteToTally.p99).toBe(100);
    expect(combined.serverCpuMsPerAnswer).toBe(0.2);
  });

  it("adds up what must be counted, so a loss in any run shows", () => {
    const combined = medianOfRuns([run(10, 0.1), run(10, 0.1, { lost: 1, acked: 99, failed: { timeout: 1 } }), run(10, 0.1, { duplicates: 2, failed: { timeout: 2 } })]);
    expect(combined).toMatchObject({ sent: 300, acked: 299, lost: 1, duplicates: 2, noTally: 0, failed: { timeout: 3 } });
  });

  it("takes each process's CPU and the services' on their own too, and leaves them out when a run lacks them", () => {
    const cluster = (a: number, b: number, services: number) =>
      run(10, a + b, { serverCpuMsPerAnswerByProcess: [a, b], servicesCpuMsPerAnswer: services });
    const combined = medianOfRuns([cluster(0.1, 0.3, 0.2), cluster(0.2, 0.1, 0.4), cluster(0.3, 0.2, 0.3)]);
    expect(combined.serverCpuMsPerAnswerByProcess).toEqual([0.2, 0.2]);
    expect(combined.servicesCpuMsPerAnswer).toBe(0.3);
    const single = medianOfRuns([run(10, 0.1), cluster(0.1, 0.1, 0.1)]);
    expect(single).not.toHaveProperty("serverCpuMsPerAnswerByProcess");
    expect(single).not.toHaveProperty("servicesCpuMsPerAnswer");
  });
});

describe("percentile", () => {
  it("is the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([], 50)).toBeNaN();
  });
});
