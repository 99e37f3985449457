// SPDX-License-Identifier: EUPL-1.2
// `npm run content:check [folder]`: checks every file of the training content against the
// format, the curriculum's rules and Swedish spelling, and prints each problem as
// "fil:rad: fält: fel". Exits with 1 when anything is wrong or the spelling could not be
// checked; CONTENT_SPELLCHECK=off skips spelling on a machine without hunspell.
import path from "node:path";
import { compileContent } from "../app/content/compile.server";
import { formatContentError } from "../app/content/content.server";
import { SOURCES_CHECK_INTERVAL_MONTHS, sourcesDue } from "../app/content/sources-due";
import { checkSpelling } from "../app/content/spelling.server";
import { stockholmDate } from "../app/lib/dates";

const folder = process.argv[2] ?? "content";
const root = path.resolve(folder);
const { index, errors, prose } = compileContent(root, { curriculum: true });
for (const error of errors) console.error(formatContentError(folder, error));

let failures = errors.length;
if (process.env.CONTENT_SPELLCHECK === "off") {
  console.log("Stavningskontrollen är avstängd (CONTENT_SPELLCHECK=off).");
} else {
  const spelling = checkSpelling(prose, { wordList: path.join(root, "ordlista.txt") });
  if (!spelling.ok) {
    console.error(spelling.problem);
    failures += 1;
  } else if (spelling.errors.length) {
    if (errors.length) console.error("");
    for (const error of spelling.errors) console.error(formatContentError(folder, error));
    console.error(
      `\nOkända ord (${spelling.unknownWords.length}): ${spelling.unknownWords.join(", ")}.\nRätta stavningen, eller lägg till ett ord som är rätt i ${folder}/ordlista.txt (ett ord per rad).`,
    );
    failures += spelling.errors.length;
  }
}

// A warning, not an error: an old date asks for a check, it does not make the text wrong.
const due = sourcesDue(index, stockholmDate(new Date()));
for (const item of due) {
  const when = item.checkedOn ? `källorna kontrollerades senast ${item.checkedOn}, för mer än ${SOURCES_CHECK_INTERVAL_MONTHS} månader sedan` : "texten säger inte när källorna kontrollerades";
  console.warn(`Varning: ${folder}/${item.file}: sourcesCheckedOn: ${when}: kontrollera texten mot källorna och skriv dagens datum`);
}

if (failures) {
  console.error(`\n${failures} fel i ${folder}/.`);
  process.exit(1);
}
const lessons = Object.values(index.modules).reduce((sum, m) => sum + m.lessons.length, 0);
console.log(
  `Innehållet i ${folder}/ är i ordning (spår: ${index.tracks.length}, moduler: ${Object.keys(index.modules).length}, lektioner: ${lessons}, material: ${index.materials.length}).`,
);
