// Copies the script fonts the PDF writer falls back to (Noto Sans Arabic, Devanagari, Bengali,
// Ethiopic, Georgian; regular and bold; SIL OFL 1.1) from their npm packages into fonts/, where
// they ship with oedr. Run after bumping one of the @expo-google-fonts devDependencies.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

const scripts = ['Arabic', 'Devanagari', 'Bengali', 'Ethiopic', 'Georgian'];
const root = new URL('../', import.meta.url);
const notices = [];
for (const s of scripts) {
  const pkg = new URL(`node_modules/@expo-google-fonts/noto-sans-${s.toLowerCase()}/`, root);
  const { version } = JSON.parse(readFileSync(new URL('package.json', pkg), 'utf8'));
  for (const [dir, face] of [['400Regular', 'Regular'], ['700Bold', 'Bold']]) {
    copyFileSync(new URL(`${dir}/NotoSans${s}_${dir}.ttf`, pkg), new URL(`fonts/NotoSans${s}-${face}.ttf`, root));
  }
  const licence = readFileSync(new URL('LICENSE_FONT', pkg), 'utf8');
  notices.push(`NotoSans${s}-*.ttf from @expo-google-fonts/noto-sans-${s.toLowerCase()}@${version}: ${licence.split('\n')[0]}`);
}
writeFileSync(new URL('fonts/SOURCES.txt', root), `${notices.join('\n')}\nEach is licensed under the SIL Open Font License 1.1 (OFL.txt).\n`);
