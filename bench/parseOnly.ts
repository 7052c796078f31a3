// The ceiling for bench:import: stream, gunzip and parse the snapshot without storing anything.
import { parseSnapshotFile } from "../src/ingest/parsers/arxivSnapshot.ts";

let n = 0;
for await (const r of parseSnapshotFile(process.argv[2])) if (r.kind === "paper") n++;
console.log(n);
