import type { StrapiApp } from '@strapi/strapi/admin';
import vi from './translations/vi.json';

export default {
  config: {
    // Officers work in Vietnamese. Strapi's own vi strings are partial; translations/vi.json
    // supplies the rest (see translations/README.md).
    locales: ['vi'],
    translations: { vi },
  },
  bootstrap(_app: StrapiApp) {},
};
