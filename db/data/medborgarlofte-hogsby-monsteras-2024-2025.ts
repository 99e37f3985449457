// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: the signed medborgarlöfte of Högsby, Mönsterås and Lokalpolisområde Västervik
// for 2024–2025 (signed 2023-12-18), word for word, including the document's own spelling
// ("Brotsstatistik", "2024-2025"). Migration 0012 and the demo seed both read it, so it never
// imports app code and never changes: a corrected wording is a new published version in the
// database, not an edit here. The summaries are plain Swedish written for citizens.
import type { CommitmentOwner, PromiseMeasure } from "../schema";

export interface FrozenCommitment {
  wording: string;
  summary: string;
  owner: CommitmentOwner;
  target: string | null;
  targetCount: number | null;
  measure: PromiseMeasure | null;
}

export interface FrozenPromise {
  title: string;
  policeArea: string;
  /** YYYY-MM-DD, both included. */
  periodStart: string;
  periodEnd: string;
  signedOn: string;
  promisedReports: number;
  reportingWording: string;
  /** Slugs of the municipalities it covers. */
  municipalities: string[];
  focusAreas: Array<{ title: string; commitments: FrozenCommitment[] }>;
}

export const MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025: FrozenPromise = {
  title: "Lokalt medborgarlöfte i Högsby och Mönsterås kommuner 2024–2025",
  policeArea: "Lokalpolisområde Västervik",
  periodStart: "2024-01-01",
  periodEnd: "2025-12-31",
  signedOn: "2023-12-18",
  promisedReports: 2,
  reportingWording:
    "Polisen och kommunerna lovar att kommunicera ut uppföljning av detta medborgarlöfte och kunna redovisa resultat för medborgarna minst två (2) gånger under aktuell period.",
  municipalities: ["hogsby", "monsteras"],
  focusAreas: [
    {
      title: "Trygghet",
      commitments: [
        {
          wording:
            "I syfte att öka trygghetskänslan i boendemiljö lovar Polisen och kommunerna att fortsätta utbilda och främja arbetet kring grannsamverkan. Utbildning för uppstart av grannsamverkan ska hållas löpande när behov uppstår. Brotsstatistik ligger till grund för prioriterade områden.",
          summary: "Polisen och kommunerna utbildar i grannsamverkan och hjälper grannar att starta den, där brotten visar att det behövs mest.",
          owner: "bada",
          target: null,
          targetCount: null,
          measure: null,
        },
        {
          wording:
            "De senaste årens trygghetsmätningar visat på låg upplevd trygghetskänsla hos framför allt kvinnor i tätorterna. Under 2024-2025 lovar Polisen och kommunerna att bjuda in till minst en medborgardialog för centrala Högsby och centrala Mönsterås.",
          summary: "Polisen och kommunerna bjuder in invånarna till minst ett samtal om trygghet i centrala Högsby och ett i centrala Mönsterås.",
          owner: "bada",
          target: "minst 1 medborgardialog i centrala Högsby och 1 i centrala Mönsterås",
          targetCount: 2,
          measure: null,
        },
        {
          wording: "Polisen och kommunerna lovar även att ta fram en åtgärdsplan för att öka tryggheten i samhället.",
          summary: "Polisen och kommunerna skriver en plan för vad som ska göras för att fler ska känna sig trygga.",
          owner: "bada",
          target: "en åtgärdsplan för ökad trygghet",
          targetCount: 1,
          measure: null,
        },
      ],
    },
    {
      title: "Narkotika",
      commitments: [
        {
          wording: "Polisen lovar att lägga fokus på att upptäcka nya, unga, som missbrukar narkotika samt att beivra narkotikaförsäljning till unga.",
          summary: "Polisen letar särskilt efter unga som har börjat använda narkotika och ingriper mot dem som säljer narkotika till unga.",
          owner: "polisen",
          target: null,
          targetCount: null,
          measure: null,
        },
        {
          wording:
            "Kommunerna lovar att satsa på utbildning av ANDTS-coacher (alkohol, narkotika, doping, tobak, spel) samt att utveckla ANDTS-arbetet i kommunerna för att bl.a. förebygga narkotikaanvändning bland unga.",
          summary: "Kommunerna utbildar ANDTS-coacher och utvecklar sitt arbete med alkohol, narkotika, dopning, tobak och spel om pengar, bland annat för att färre unga ska börja använda narkotika.",
          owner: "kommunen",
          target: null,
          targetCount: null,
          measure: "certified_coaches",
        },
      ],
    },
    {
      title: "Skadegörelse",
      commitments: [
        {
          wording: "Kommunerna lovar att kartlägga platser, göra analyser av orsaker och ta fram tydliga åtgärder för att förebygga skadegörelse.",
          summary: "Kommunerna tar reda på var skadegörelse sker och varför, och bestämmer vad som ska göras för att förebygga den.",
          owner: "kommunen",
          target: null,
          targetCount: null,
          measure: null,
        },
      ],
    },
    {
      title: "Bedrägerier",
      commitments: [
        {
          wording: "Polisen och kommunerna lovar att informera och öka kunskaper kring bedrägerier.",
          summary: "Polisen och kommunerna informerar om bedrägerier så att fler känner igen dem och kan skydda sig.",
          owner: "bada",
          target: null,
          targetCount: null,
          measure: null,
        },
      ],
    },
  ],
};
