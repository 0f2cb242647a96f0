// The professional's client's own words, loaded with the chosen language (strings/<lang>.js).
import { addStrings } from '../i18n.js';

addStrings('staff', async (lang) => (await import(`./strings/${lang}.js`)).strings);
