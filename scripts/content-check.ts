// `npm run content:check [folder]`: checks every file of the training content and prints
// each problem as "fil:rad: fält: fel". Exits with 1 when anything is wrong.
import path from "node:path";
import { compileContent } from "../app/content/compile.server";
import { formatContentError } from "../app/content/content.server";

const folder = process.argv[2] ?? "content";
const { index, errors } = compileContent(path.resolve(folder));

for (const error of errors) console.error(formatContentError(folder, error));
if (errors.length) {
  console.error(`\n${errors.length} fel i ${folder}/.`);
  process.exit(1);
}
const lessons = Object.values(index.modules).reduce((sum, m) => sum + m.lessons.length, 0);
console.log(
  `Innehållet i ${folder}/ är i ordning (spår: ${index.tracks.length}, moduler: ${Object.keys(index.modules).length}, lektioner: ${lessons}, material: ${index.materials.length}).`,
);
