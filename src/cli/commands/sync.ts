// Placeholder until the arXiv harvester lands (replaced by the sync work).
import { CliError, type Command } from "../command.ts";

export const syncCommand: Command = {
  name: "sync",
  summary: "Harvest new papers from arXiv",
  help: "Usage: papertide sync arxiv --categories cs.LG,cs.CV [--from YYYY-MM-DD]",
  async run() {
    throw new CliError("not available yet");
  },
};
