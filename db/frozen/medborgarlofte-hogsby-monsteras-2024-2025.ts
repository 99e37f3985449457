// SPDX-License-Identifier: EUPL-1.2
// Frozen: the signed medborgarlöfte of Högsby and Mönsterås for 2024–2025, word for word from the
// document dated 2023-12-18 (../shared/domain/medborgarlofte-2024-2025.txt), including its own
// spelling ("Brotsstatistik", "doping"). Migration 0012 moves it out of code and into the
// promise tables of a database that has these municipalities; the demo seed publishes the same
// text through the app. Never edit it: a correction is a new version of the promise, made in
// the app. The plain-Swedish summaries are ours, not the document's.

export interface FrozenPromise {
  /** The municipalities' slugs. */
  municipalities: string[];
  title: string;
  policeArea: string;
  periodStart: string;
  periodEnd: string;
  signedOn: string;
  promisedReports: number;
  reportingWording: string;
  focusAreas: Array<{
    title: string;
    commitments: Array<{
      wording: string;
      summary: string;
      owner: "kommunen" | "polisen" | "bada";
      target: string | null;
      targetCount: number | null;
      measure: "certified_coaches" | "coaches_in_training" | "course_days_held" | "materials_used" | null;
    }>;
  }>;
}

export const MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025: FrozenPromise = {
  municipalities: ["hogsby", "monsteras"],
  title: "Lokalt medborgarlöfte i Högsby och Mönsterås kommuner 2024–2025",
  policeArea: "Lokalpolisområde Västervik",
  periodStart: "2024-01-01",
  periodEnd: "2025-12-31",
  signedOn: "2023-12-18",
  promisedReports: 2,
  reportingWording:
    "Polisen och kommunerna lovar att kommunicera ut uppföljning av detta medborgarlöfte och kunna redovisa resultat för medborgarna minst två (2) gånger under aktuell period.",
  focusAreas: [
    {
      title: "Ökad trygghet i både offentlig miljö och boendemiljö",
      commitments: [
        {
          wording:
            "I syfte att öka trygghetskänslan i boendemiljö lovar Polisen och kommunerna att fortsätta utbilda och främja arbetet kring grannsamverkan. Utbildning för uppstart av grannsamverkan ska hållas löpande när behov uppstår. Brotsstatistik ligger till grund för prioriterade områden.",
          summary:
            "Polisen och kommunerna fortsätter att utbilda i grannsamverkan och håller utbildningar för att starta grannsamverkan när det behövs. Brottsstatistiken visar vilka områden som går först.",
          owner: "bada",
          target: null,
          targetCount: null,
          measure: null,
        },
        {
          wording:
            "De senaste årens trygghetsmätningar visat på låg upplevd trygghetskänsla hos framför allt kvinnor i tätorterna. Under 2024-2025 lovar Polisen och kommunerna att bjuda in till minst en medborgardialog för centrala Högsby och centrala Mönsterås.",
          summary:
            "Många, särskilt kvinnor i tätorterna, känner sig otrygga. Polisen och kommunerna bjuder in till minst ett samtal med invånarna i centrala Högsby och minst ett i centrala Mönsterås.",
          owner: "bada",
          target: "minst 1 medborgardialog i centrala Högsby och 1 i centrala Mönsterås",
          targetCount: 2,
          measure: null,
        },
        {
          wording: "Polisen och kommunerna lovar även att ta fram en åtgärdsplan för att öka tryggheten i samhället.",
          summary: "Polisen och kommunerna skriver en plan med åtgärder som ska göra det tryggare.",
          owner: "bada",
          target: "1 åtgärdsplan",
          targetCount: 1,
          measure: null,
        },
      ],
    },
    {
      title: "Narkotika bland ungdomar",
      commitments: [
        {
          wording: "Polisen lovar att lägga fokus på att upptäcka nya, unga, som missbrukar narkotika samt att beivra narkotikaförsäljning till unga.",
          summary: "Polisen letar särskilt efter unga som har börjat använda narkotika, och ingriper mot den som säljer narkotika till unga.",
          owner: "polisen",
          target: null,
          targetCount: null,
          measure: null,
        },
        {
          wording:
            "Kommunerna lovar att satsa på utbildning av ANDTS-coacher (alkohol, narkotika, doping, tobak, spel) samt att utveckla ANDTS-arbetet i kommunerna för att bl.a. förebygga narkotikaanvändning bland unga.",
          summary:
            "Kommunerna utbildar ANDTS-coacher och utvecklar sitt arbete med alkohol, narkotika, dopning, tobak och spel om pengar, bland annat så att färre unga börjar använda narkotika.",
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
          summary: "Polisen och kommunerna berättar om bedrägerier så att fler känner igen dem.",
          owner: "bada",
          target: null,
          targetCount: null,
          measure: null,
        },
      ],
    },
  ],
};
