// SPDX-License-Identifier: EUPL-1.2
// What the municipalities promised their citizens, in plain Swedish and in the promise's own
// words, with where it comes from. Högsby and Mönsterås gave one joint promise with the police.
// A municipality added later has no entry until someone writes its promise here.

export interface CitizenPromise {
  /** Plain Swedish, a paragraph each. */
  summary: string[];
  /** Word for word from the signed document. */
  quotes: string[];
  source: { title: string; date: string; parties: string; note: string };
}

const MEDBORGARLOFTE_2024_2025: CitizenPromise = {
  summary: [
    "Kommunen och polisen har gett invånarna ett medborgarlöfte för åren 2024 och 2025. Ett av löftets fyra områden är narkotika bland ungdomar.",
    "Där lovar kommunen att utbilda ANDTS-coacher. ANDTS står för alkohol, narkotika, dopning, tobak och spel om pengar. Kommunen lovar också att utveckla sitt arbete med de frågorna, bland annat för att färre unga ska börja använda narkotika.",
    "Kommunen och polisen lovar att berätta för invånarna hur det går, minst två gånger under perioden. Den här sidan är en del av det.",
  ],
  quotes: [
    "Kommunerna lovar att satsa på utbildning av ANDTS-coacher (alkohol, narkotika, doping, tobak, spel) samt att utveckla ANDTS-arbetet i kommunerna för att bl.a. förebygga narkotikaanvändning bland unga.",
    "Polisen och kommunerna lovar att kommunicera ut uppföljning av detta medborgarlöfte och kunna redovisa resultat för medborgarna minst två (2) gånger under aktuell period.",
  ],
  source: {
    title: "Lokalt medborgarlöfte i Högsby och Mönsterås kommuner 2024–2025",
    date: "2023-12-18",
    parties: "Högsby kommun, Mönsterås kommun och Lokalpolisområde Västervik",
    note: "Bilaga till samverkansöverenskommelsen mellan kommunerna och polisen. Löftet gäller under åren 2024–2025.",
  },
};

const PROMISES: Record<string, CitizenPromise> = {
  hogsby: MEDBORGARLOFTE_2024_2025,
  monsteras: MEDBORGARLOFTE_2024_2025,
};

export function citizenPromiseOf(slug: string): CitizenPromise | null {
  return Object.hasOwn(PROMISES, slug) ? PROMISES[slug]! : null;
}
