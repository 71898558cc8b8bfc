import type { StrapiApp } from '@strapi/strapi/admin';
import { Globe } from '@strapi/icons';
import vi from './translations/vi.json';

export default {
  config: {
    // Officers work in Vietnamese. Strapi's own vi strings are partial; translations/vi.json
    // supplies the rest (see translations/README.md).
    locales: ['vi'],
    translations: { vi },
  },
  register(app: StrapiApp) {
    // The admin's home page tells whoever published whether the public portal shows it yet.
    app.widgets.register({
      id: 'portal-status',
      icon: Globe,
      title: { id: 'loa.portal-status.title', defaultMessage: 'Cổng thông tin' },
      component: async () => (await import('./widgets/PortalStatus')).PortalStatusWidget,
    });
  },
  bootstrap(_app: StrapiApp) {},
};
