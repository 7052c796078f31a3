// Head to head: Papertide's query process and a peer's, both alive, take turns answering the same
// queries, one timed pass each at a time, in ABBA order (P F F P P F…), so both are measured in
// the same minutes. Run one after the other, two engines meet different moments of a shared,
// noisy machine (the same engine's p50 moved by half between runs here); taking turns, a slow
// moment falls on both. The engines stay in their own processes: their heaps and collectors
// never meet.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { median } from "../support/measure.ts";

export interface PassLatency {
  p50: number;
  p99: number;
  mean: number;
}

export interface Duel {
  papertide: PassLatency[];
  peer: PassLatency[];
}

const here = path.dirname(new URL(import.meta.url).pathname);

function start(args: string[], execArgv: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = fork(path.join(here, "run.ts"), args, {
    execArgv: ["--import", "tsx", ...execArgv],
    env: { ...process.env, ...env, BENCH_PASSES_ON_REQUEST: "1" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${args[0]} exited (${code}) before it was ready`)));
    child.once("message", (m) => {
      child.removeAllListeners("exit");
      if ((m as { ready?: boolean }).ready) resolve(child);
      else reject(new Error(`${args[0]}: unexpected message`));
    });
  });
}

function onePass(child: ChildProcess): Promise<PassLatency> {
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`an engine exited (${code}) during a pass`)));
    child.once("message", (m) => {
      child.removeAllListeners("exit");
      resolve((m as { pass: PassLatency }).pass);
    });
    child.send("pass");
  });
}

/** `passes` timed passes for each engine, taking turns in ABBA order. */
export async function headToHead(opts: {
  papertide: { args: string[] };
  peer: { args: string[]; execArgv: string[] };
  passes: number;
}): Promise<Duel> {
  const ours = await start(opts.papertide.args, [], {});
  let theirs: ChildProcess | null = null;
  try {
    theirs = await start(opts.peer.args, opts.peer.execArgv, {});
    const duel: Duel = { papertide: [], peer: [] };
    for (let i = 0; i < opts.passes; i++) {
      const oursFirst = i % 4 === 0 || i % 4 === 3;
      const order: [ChildProcess, PassLatency[]][] = [
        [ours, duel.papertide],
        [theirs, duel.peer],
      ];
      if (!oursFirst) order.reverse();
      for (const [child, into] of order) into.push(await onePass(child));
    }
    return duel;
  } finally {
    for (const c of [ours, theirs]) if (c && c.exitCode === null) c.send("exit");
  }
}

/** The medians of the passes' p50 and p99, and in how many turns Papertide's p50 was the lower. */
export function duelSummary(d: Duel): {
  papertide: { p50: number; p99: number };
  peer: { p50: number; p99: number };
  p50Wins: number;
  p99Wins: number;
  turns: number;
} {
  const turns = Math.min(d.papertide.length, d.peer.length);
  let p50Wins = 0;
  let p99Wins = 0;
  for (let i = 0; i < turns; i++) {
    if (d.papertide[i].p50 < d.peer[i].p50) p50Wins++;
    if (d.papertide[i].p99 < d.peer[i].p99) p99Wins++;
  }
  return {
    papertide: { p50: median(d.papertide.map((p) => p.p50)), p99: median(d.papertide.map((p) => p.p99)) },
    peer: { p50: median(d.peer.map((p) => p.p50)), p99: median(d.peer.map((p) => p.p99)) },
    p50Wins,
    p99Wins,
    turns,
  };
}
