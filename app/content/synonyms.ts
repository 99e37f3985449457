// SPDX-License-Identifier: EUPL-1.2
// content/synonymer.txt: words the materials search treats as the same thing, so that a
// teacher who searches for "hasch" finds the material that says "cannabis". The
// coordinator keeps the list with the rest of the content, and it is compiled into the
// content index, so a production server never reads content/ for it.

/** One group per line, members in the order written, in lower case with single spaces. */
export type SynonymGroups = string[][];

export interface SynonymProblem {
  line: number;
  message: string;
}

// Letters, digits, spaces and hyphens: what the search splits words on and can match.
const MEMBER = /^[\p{L}\p{N}]+(?:[ -][\p{L}\p{N}]+)*$/u;

/** Reads the file's text; a problem names its line, and the groups hold only the lines without one. */
export function parseSynonyms(text: string): { groups: SynonymGroups; problems: SynonymProblem[] } {
  const groups: SynonymGroups = [];
  const problems: SynonymProblem[] = [];
  const firstLine = new Map<string, number>();
  text
    .replace(/^\uFEFF/, "")
    .split(/\r\n?|\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const content = raw.replace(/#.*/, "").trim();
      if (!content) return;
      const members = content.split(",").map((member) => member.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv-SE"));
      const fail = (message: string) => problems.push({ line, message });
      if (members.some((member) => member === "")) return fail("ett tomt ord mellan två kommatecken (eller först eller sist på raden)");
      if (members.length < 2) return fail(`"${members[0]}" står ensamt: en grupp är minst två ord eller uttryck, åtskilda med kommatecken`);
      const wrong = members.find((member) => !MEMBER.test(member));
      if (wrong) return fail(`"${wrong}" får bara innehålla bokstäver, siffror, bindestreck och mellanslag`);
      // A word in two groups would make them one group without anyone having decided it.
      const taken = members.find((member) => firstLine.has(member) && firstLine.get(member) !== line);
      if (taken) return fail(`"${taken}" finns redan på rad ${firstLine.get(taken)}: ett ord kan bara höra till en grupp, så slå ihop raderna`);
      for (const member of members) if (!firstLine.has(member)) firstLine.set(member, line);
      groups.push([...new Set(members)]);
    });
  return { groups, problems };
}
