// SPDX-License-Identifier: EUPL-1.2
// When a text must be checked against its sources again. Laws and survey figures change every
// year (issue #17 found three outdated facts after 2025's law changes), so a lesson or material
// whose sources were last checked more than a year ago is due. content:check warns about it and
// the coordinator's review page lists it: both read this one rule.
import { addMonths, isoLocalDate, type LocalDate } from "~/lib/dates";
import type { ContentIndex } from "./types";

export const SOURCES_CHECK_INTERVAL_MONTHS = 12;

export interface SourcesDue {
  kind: "lesson" | "material";
  /** Where an editor changes the date: relative to the content folder. */
  file: string;
  /** "Modul: Lektion" for a lesson, the title for a material. */
  title: string;
  /** YYYY-MM-DD, or null when the text never said. */
  checkedOn: string | null;
}

/** Every lesson and material whose sources were last checked before `today` minus twelve months, oldest first. */
export function sourcesDue(content: ContentIndex, today: LocalDate): SourcesDue[] {
  const cutoff = isoLocalDate(addMonths(today, -SOURCES_CHECK_INTERVAL_MONTHS));
  const due: SourcesDue[] = [];
  const isDue = (checkedOn: string | null) => checkedOn === null || checkedOn < cutoff;
  for (const module of Object.values(content.modules)) {
    for (const lesson of module.lessons) {
      if (!isDue(lesson.sourcesCheckedOn)) continue;
      due.push({
        kind: "lesson",
        file: `modules/${module.slug}/${String(lesson.number).padStart(2, "0")}-${lesson.slug}.md`,
        title: `${module.title}: ${lesson.title}`,
        checkedOn: lesson.sourcesCheckedOn,
      });
    }
  }
  for (const material of content.materials) {
    if (isDue(material.sourcesCheckedOn)) due.push({ kind: "material", file: `materials/${material.slug}.md`, title: material.title, checkedOn: material.sourcesCheckedOn });
  }
  return due.sort((a, b) => (a.checkedOn ?? "").localeCompare(b.checkedOn ?? "") || a.file.localeCompare(b.file));
}
