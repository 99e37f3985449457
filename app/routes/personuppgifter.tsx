// SPDX-License-Identifier: EUPL-1.2
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Så behandlar vi personuppgifter – Coachportalen" }];

export default function PrivacyNotice() {
  return (
    <div className="prose-page">
      <h1>Så behandlar vi personuppgifter</h1>
      <p className="text-lg">
        Här står vilka uppgifter om dig som Coachportalen sparar, varför, vem som kan se dem och hur länge de sparas. Här står
        också vilka rättigheter du har.
      </p>
      <p>
        Läser du bara de öppna sidorna, utan att logga in, sparar Coachportalen inga personuppgifter om dig.
      </p>

      <h2>Vem ansvarar för dina uppgifter?</h2>
      <p>
        Personuppgiftsansvarig är den kommun som ditt konto hör till: Högsby kommun eller Mönsterås kommun. Vilken kommun
        ditt konto hör till står på sidan Mitt konto. Har du fått en inbjudan men inte skapat ditt konto än, är det kommunen
        som bjöd in dig.
      </p>
      <p>
        Varje kommun har ett dataskyddsombud som du kan fråga om hur kommunen behandlar personuppgifter. Kontakta din kommun
        för att nå dataskyddsombudet.
      </p>

      <h2>Vilka uppgifter sparas?</h2>
      <ul>
        <li>
          <strong>Ditt konto:</strong> namn, e-postadress, roll (ANDTS-coach, skolpersonal, ANDTS-samordnare eller
          administratör), kommun och, för skolpersonal, skola. Dessutom när kontot skapades och när det i så fall stängdes av.
          Ditt lösenord sparas bara i en form som inte går att räkna tillbaka till lösenordet.
        </li>
        <li>
          <strong>Inbjudan:</strong> e-postadress, roll, kommun och skola som inbjudan gäller, vem som skickade den och när.
        </li>
        <li>
          <strong>Inloggningar:</strong> när du loggade in, när du senast använde tjänsten och vilken webbläsare och vilket
          system enheten har, till exempel ”Firefox på Windows”, och hur du loggade in (med lösenord, länk i e-post eller
          kommunens konto). Du ser dina inloggningar på sidan Mitt konto. Använder du tvåstegsverifiering sparas nyckeln till
          din autentiseringsapp och dina reservkoder, de senare bara i en form som inte går att räkna tillbaka till koderna.
        </li>
        <li>
          <strong>Händelser i loggen:</strong> inloggningar och misslyckade försök att logga in, byten av lösenord,
          inbjudningar, när en ANDTS-samordnare öppnar sidan om dig, när ett konto stängs av och när du
          laddar ner dina uppgifter. Loggen visar vem som gjorde vad och när, och hjälper oss att upptäcka intrång.
        </li>
        <li>
          <strong>Skydd mot lösenordsgissning:</strong> misslyckade inloggningar och beställda länkar via e-post sparas med
          e-postadress och IP-adress, så att den som försöker gissa lösenord kan stoppas.
        </li>
        <li>
          <strong>E-post:</strong> de meddelanden som tjänsten skickar till dig, till exempel inbjudan och länkar för att byta
          lösenord. Vi sparar adress, ämne, text och när meddelandet skickades.
        </li>
        <li>
          <strong>Din utbildning:</strong> vilka lektioner du har läst och när, vilka frågor du fick och dina svar och
          resultat på kunskapstesten, dina anmälningar till och din närvaro på träffar, tidigare utbildning som samordnaren
          har registrerat åt dig och dina intyg.
        </li>
        <li>
          <strong>Digitalt intyg:</strong> när du laddar ned ditt intyg som digitalt intyg (Open Badges) står ditt namn i
          filen, men inte din e-postadress i klartext. Den finns bara som en kod: den som redan känner till adressen kan
          kontrollera att intyget är ditt, men adressen går inte att läsa ut ur filen. Filen förvarar du själv och bestämmer vem du visar den för. Coachportalen sparar bara vilken plats
          intyget har i listan över återkallade intyg.
        </li>
      </ul>
      <p>Coachportalen frågar inte efter personnummer.</p>

      <h2>Varför får kommunen behandla uppgifterna?</h2>
      <p>Kommunen behandlar uppgifterna med stöd av dataskyddsförordningen:</p>
      <ul>
        <li>
          <strong>Uppgift av allmänt intresse (artikel 6.1 e):</strong> kommunens arbete för att förebygga skador av
          alkohol, narkotika, dopning, tobak och spel om pengar. Det omfattar att utbilda ANDTS-coacher, att ge skolorna
          material och att redovisa resultaten för invånarna.
        </li>
        <li>
          <strong>Rättslig förpliktelse (artikel 6.1 c):</strong> kommunen måste ta hand om sina allmänna handlingar enligt
          arkivlagen.
        </li>
        <li>
          <strong>Anställning (artikel 6.1 b):</strong> är du anställd i kommunen och går utbildningen i ditt arbete, hör
          uppgifterna också till din anställning.
        </li>
      </ul>
      <p>
        Kommunen ber inte om ditt samtycke, eftersom uppgifterna behövs för kommunens uppdrag. En kommun får inte heller
        använda så kallat berättigat intresse som skäl när den utför sina uppgifter.
      </p>

      <h2>Vem kan se uppgifterna?</h2>
      <ul>
        <li>Du själv, på sidan Mitt konto.</li>
        <li>
          ANDTS-samordnaren i din kommun, om du är ANDTS-coach eller skolpersonal. Samordnare i andra kommuner kan inte se
          dina uppgifter.
        </li>
        <li>Administratörerna av Coachportalen, som sköter konton och kommuner i tjänsten.</li>
      </ul>

      <h2>Uppföljningen för invånarna</h2>
      <p>
        Kommunerna visar invånarna hur arbetet går, till exempel hur många ANDTS-coacher som har utbildats. Där finns bara
        sammanräknade siffror för hela kommunen, aldrig namn eller uppgifter om en enskild person. Är antalet mindre än 5 står
        det ”färre än 5”, så att ingen ska kunna räkna ut vem siffran gäller.
      </p>

      <h2>Hur länge sparas uppgifterna?</h2>
      <p>
        En inloggning upphör när du inte har använt tjänsten på 30 dagar, och senast 90 dagar efter att du loggade in. När du
        byter lösenord avslutas alla dina inloggningar. Du kan också själv avsluta inloggningar på sidan Mitt konto.
      </p>
      <p>
        Uppgifterna i Coachportalen är allmänna handlingar. Därför får kommunen bara ta bort dem enligt sitt gallringsbeslut,
        som följer arkivlagen (1990:782). Att ta bort allmänna handlingar kallas att gallra.
      </p>
      <p>
        När du inte längre ska använda Coachportalen stängs ditt konto av. Då kan du inte logga in, och alla dina inloggningar
        avslutas. Uppgifterna sparas så länge som kommunens gallringsbeslut säger. Efter det tas de bort eller görs anonyma,
        så att de inte längre kan kopplas till dig.
      </p>
      <p>
        Att uppgifterna är allmänna handlingar betyder också att den som vill kan begära att få läsa dem. Kommunen prövar då
        först om något av det som begärs är sekretessbelagt.
      </p>

      <h2>Dina rättigheter</h2>
      <ul>
        <li>
          <strong>Se vad som finns sparat om dig (registerutdrag, artikel 15):</strong> är du inloggad kan du själv ladda ner
          dina uppgifter som en fil på sidan <Link to="/konto">Mitt konto</Link>. Du kan också begära ett registerutdrag från
          din kommun. Kommunen ska svara inom en månad.
        </li>
        <li>
          <strong>Få fel rättade:</strong> ditt namn kan du ändra själv på sidan Mitt konto. Är din e-postadress, roll eller
          kommun fel, kontakta din ANDTS-samordnare.
        </li>
        <li>
          <strong>Invända eller begära begränsning:</strong> du kan invända mot att kommunen behandlar dina uppgifter, eller
          be att behandlingen begränsas. Kommunen prövar då din begäran.
        </li>
        <li>
          <strong>Få uppgifter borttagna:</strong> eftersom uppgifterna är allmänna handlingar tas de bort enligt kommunens
          gallringsbeslut, inte direkt när någon ber om det.
        </li>
      </ul>

      <h2>Om du vill klaga</h2>
      <p>
        Tycker du att kommunen behandlar dina personuppgifter på fel sätt, säg gärna till din kommun först. Du har också rätt
        att klaga hos Integritetsskyddsmyndigheten (IMY), som har tillsyn över hur personuppgifter behandlas:{" "}
        <a href="https://www.imy.se">imy.se</a>.
      </p>

      <h2>Kakor (cookies)</h2>
      <p>
        Coachportalen använder bara en kaka, <code>__session</code>. Den behövs för att du ska vara inloggad och sätts först
        när du loggar in. Kakan innehåller en slumpmässig nyckel till din inloggning och inga andra uppgifter om dig. Skript på
        sidan kan inte läsa den. Kakan tas bort när du loggar ut.
      </p>
      <p>
        Vi använder inga kakor för statistik eller marknadsföring, och tjänsten följer inte hur du rör dig på webbplatsen.
        Sidorna hämtar inget från andra webbplatser. Eftersom kakan behövs för att inloggningen ska fungera frågar vi inte om
        ditt samtycke till den.
      </p>
      <p>
        Coachportalens logg över besök innehåller vilken sida som visades och när, men inte din IP-adress eller vem du är.
      </p>
      <p>
        Hur tillgänglig tjänsten är står på sidan <Link to="/tillganglighet">Tillgänglighetsredogörelse</Link>.
      </p>
    </div>
  );
}
