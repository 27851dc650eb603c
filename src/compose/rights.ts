// The treaties a letter cites as persuasive basis, chosen from the recipient's country with the
// table in laws/instruments.json (each list with its source): the ICCPR, and the regional
// instruments the country is party to (the Arab Charter for Jordan). The wording and the quoted text live in the templates.
import { readFileSync } from 'node:fs';

interface Instrument { id: string; parties: string[] }

let table: Instrument[] | undefined;
function instruments(): Instrument[] {
  table ??= (JSON.parse(readFileSync(new URL('../../laws/instruments.json', import.meta.url), 'utf8')) as { instruments: Instrument[] }).instruments;
  return table;
}

const regional = ['african-charter', 'american-convention', 'echr', 'arab-charter'] as const;

/**
 * What the templates test: `iccpr` (true unless the country is known and not a party) and one flag
 * per regional system, true only where the country is a party. Without a country, the ICCPR alone.
 */
export function rightsContext(country: string | null) {
  const party = (id: string) => country !== null && instruments().some((i) => i.id === id && i.parties.includes(country));
  const known = country !== null && instruments().some((i) => i.parties.includes(country));
  const iccpr = !known || party('iccpr');
  const [africa, americas, europe, arab] = regional.map(party) as [boolean, boolean, boolean, boolean];
  return { iccpr, africa, americas, europe, arab, regional: africa || americas || europe || arab, any: iccpr || africa || americas || europe || arab };
}
