// SPDX-License-Identifier: EUPL-1.2
// `npm run content:build [folder]`: compiles the training content into one index with
// sanitized HTML ($BUILD_DIR/content/index.json), which the app reads at start, and prints
// the materials' attachments as PDFs beside it ($BUILD_DIR/content/bilagor/). Writes nothing
// when content:check would find an error.
import fs from "node:fs";
import path from "node:path";
import { compileContent } from "../app/content/compile.server";
import { compiledIndexPath, formatContentError } from "../app/content/content.server";
import { buildAttachmentPdfs } from "../app/modules/materials/attachments.server";

const folder = process.argv[2] ?? "content";
const { index, errors } = compileContent(path.resolve(folder));
if (errors.length) {
  for (const error of errors) console.error(formatContentError(folder, error));
  console.error(`\n${errors.length} fel i ${folder}/: inget byggt.`);
  process.exit(1);
}

// First the PDFs: the index records their pages, and a server reading it finds them in place.
const attachments = await buildAttachmentPdfs(index);
const target = compiledIndexPath();
fs.mkdirSync(path.dirname(target), { recursive: true });
// Written beside and renamed into place, so a running server never reads half a file.
const temporary = `${target}.${process.pid}.tmp`;
fs.writeFileSync(temporary, JSON.stringify(index));
fs.renameSync(temporary, target);
console.log(`Innehållet byggt: ${path.relative(process.cwd(), target)} (${Object.keys(index.modules).length} moduler, ${index.materials.length} material, ${attachments} bilagor som PDF).`);
