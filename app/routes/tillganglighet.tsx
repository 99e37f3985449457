import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { formatDate } from "~/lib/dates";

export const meta: MetaFunction = () => [{ title: "Tillgänglighetsredogörelse – Coachportalen" }];

// The law requires the statement to say when it was made and last updated (DIGG's guidance).
// Change LAST_UPDATED whenever the list of known problems or the assessment changes.
const STATEMENT_DATE = "2026-11-25";
const LAST_UPDATED = "2026-11-25";

const DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan";

export default function AccessibilityStatement() {
  return (
    <div className="prose-page">
      {/* The long compound word does not fit a 360 px screen; <wbr> lets it break without changing its text. */}
      <h1>
        Tillgänglighets<wbr />
        redogörelse
      </h1>
      <p className="text-lg">
        Vi vill att alla ska kunna använda Coachportalen, också den som använder skärmläsare, förstoring, bara tangentbord
        eller en liten skärm. Här berättar vi hur tillgänglig tjänsten är, vilka problem vi känner till och hur du kan säga
        till om något inte fungerar.
      </p>

      <h2>Vem ansvarar för tjänsten?</h2>
      <p>
        Tjänsten heter Coachportalen. Den används av kommunerna i deras arbete mot alkohol, narkotika, dopning, tobak och
        spel om pengar (ANDTS). Varje kommun ansvarar för tjänsten när kommunens personal och invånare använder den:
      </p>
      <ul>
        <li>Högsby kommun ansvarar för Coachportalen i Högsby kommun.</li>
        <li>Mönsterås kommun ansvarar för Coachportalen i Mönsterås kommun.</li>
      </ul>

      <h2>Hur tillgänglig är Coachportalen?</h2>
      <p>
        Coachportalen är <strong>delvis förenlig</strong> med lagen om tillgänglighet till digital offentlig service. Det
        beror på de brister som står under nästa rubrik, och på att vi ännu inte har granskat hela tjänsten för hand.
      </p>

      <h2>Kända brister</h2>
      <p>
        När vi hittar ett problem med tillgängligheten skriver vi upp det här tills det är åtgärdat. Just nu känner vi till
        det här:
      </p>
      <ul>
        <li>
          Intyg som PDF-fil finns inte ännu. Intygen kommer i en senare version. PDF-filerna ska uppfylla samma krav som
          webbsidorna, och vi kontrollerar dem innan de börjar användas.
        </li>
        <li>
          Filer som hör till materialet för skolan, till exempel arbetsblad, kontrolleras inte av våra automatiska tester. Vi
          går igenom dem när vi granskar tjänsten för hand.
        </li>
        <li>
          Den fullständiga granskningen för hand är inte gjord. Det kan därför finnas brister som vi inte känner till än.
        </li>
      </ul>

      <h2>Så har vi bedömt tjänsten</h2>
      <p>Vi har bedömt Coachportalen själva. Ingen utomstående har granskat tjänsten ännu.</p>
      <ul>
        <li>
          Vid varje ny version körs automatiska tester. Verktyget axe-core kontrollerar sidorna mot kraven i WCAG 2.1 på nivå
          A och AA.
        </li>
        <li>
          Automatiska tester går också igenom sidor med bara tangentbordet och kontrollerar att sidorna går att läsa på en
          skärm som är 360 pixlar bred, som en mobiltelefon.
        </li>
        <li>
          Automatiska tester hittar bara en del av alla problem. Därför planerar vi en fullständig granskning för hand. När den
          är gjord uppdaterar vi den här sidan.
        </li>
      </ul>

      <h2>Rapportera ett problem</h2>
      <p>
        Har du hittat något som inte fungerar och som inte står på den här sidan? Eller behöver du innehållet i en annan
        form? Säg till, så försöker vi rätta till det.
      </p>
      <ul>
        <li>
          Har du ett konto i Coachportalen: kontakta din kommuns ANDTS-samordnare. Det är oftast samordnaren som bjöd in
          dig.
        </li>
        <li>Har du inget konto: kontakta din kommun och be att få tala med kommunens ANDTS-samordnare.</li>
      </ul>
      <p>Berätta gärna:</p>
      <ul>
        <li>vilken sida det gäller (adressen i webbläsaren)</li>
        <li>vad du försökte göra och vad som hände</li>
        <li>vilken webbläsare och vilka hjälpmedel du använder, om du vill.</li>
      </ul>

      <h2>Om du inte är nöjd</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till digital offentlig service.
        Om du inte är nöjd med hur vi tar hand om det du har rapporterat kan du anmäla det till Digg:{" "}
        <a href={DIGG_COMPLAINT_URL}>anmäl bristande tillgänglighet hos Digg (digg.se/tdosanmalan)</a>.
      </p>

      <h2>Lagen och kraven</h2>
      <p>
        Kommunerna ska följa lag (2018:1937) om tillgänglighet till digital offentlig service. Lagen hänvisar till standarden
        EN 301 549, som för webbsidor innebär att de ska uppfylla WCAG 2.1 på nivå AA. Kraven gäller också dokument som går
        att ladda ner från tjänsten, till exempel PDF-filer.
      </p>
      <p>Vi gör inga undantag från kraven i lagen.</p>

      <h2>Om den här redogörelsen</h2>
      <p>
        Redogörelsen skrevs den {formatDate(STATEMENT_DATE)}, när vi också bedömde tjänsten. Den uppdaterades senast den{" "}
        {formatDate(LAST_UPDATED)}.
      </p>
      <p>
        Hur Coachportalen behandlar personuppgifter står på sidan{" "}
        <Link to="/personuppgifter">Så behandlar vi personuppgifter</Link>.
      </p>
    </div>
  );
}
