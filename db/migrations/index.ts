// Listed explicitly rather than read from the folder, so that migrations run the same
// from tsx scripts, the bundled server and tests. Names sort in the order they apply.
import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";

export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
};
