// Versioned migrations, applied in order at start. Append new ones; never edit a released one.
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";
import * as m001 from "./001_papers.ts";

export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

export const migrations: Migration[] = [{ name: "001_papers", up: m001.up }];
