// SPDX-License-Identifier: EUPL-1.2
// A second process writing to a SQLite database as the app does (WAL, busy timeout, the default
// checkpoint every 1000 pages), one committed row at a time into audit_event, numbered 1, 2, 3 …
// in `subject`, about a thousand a second: a busy app, yet slow enough that the -wal file always
// holds the newest commits, as it does in real use. Prints
// "committed <n>" now and then and at the end; stops cleanly on SIGTERM. For the backup test.
//   node tests/helpers/sqlite-writer.mjs <database file>
import SQLite from "better-sqlite3";

const db = new SQLite(process.argv[2]);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 10000");
db.pragma("synchronous = NORMAL");
const insert = db.prepare("insert into audit_event (id, at, action, subject) values (?, ?, 'backup.test', ?)");
let committed = 0;
let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

function batch() {
  // A single-row transaction per turn, then back to the event loop to hear SIGTERM.
  for (let i = 0; i < 1 && !stopping; i++) {
    const n = committed + 1;
    insert.run(`w${String(n).padStart(8, "0")}`, new Date().toISOString(), String(n));
    committed = n;
  }
  if (committed % 100 === 0) process.stdout.write(`committed ${committed}\n`);
  if (stopping) {
    db.close();
    process.stdout.write(`committed ${committed}\nstopped\n`);
    process.exit(0);
  }
  setTimeout(batch, 1);
}
batch();
