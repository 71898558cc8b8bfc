import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartPie, Globe } from '@strapi/icons';
import vi from './translations/vi.json';

export default {
  config: {
    // Officers work in Vietnamese. Strapi's own vi strings are partial; translations/vi.json
    // supplies the rest (see translations/README.md).
    locales: ['vi'],
    translations: { vi },
  },
  register(app: StrapiApp) {
    // The admin's home page tells whoever published whether the public portal shows it yet. It
    // comes first (a reducer, the widgets API's documented form), so a failed build is in view.
    app.widgets.register((widgets) => [
      {
        id: 'portal-status',
        icon: Globe,
        title: { id: 'loa.portal-status.title', defaultMessage: 'Cổng thông tin' },
        component: async () => (await import('./widgets/PortalStatus')).PortalStatusWidget,
      },
      ...widgets,
    ]);
    // The plan's results report, in the menu of those who publish (Editors, administrators); its
    // routes check the same people (cms/src/results-report.ts).
    app.addMenuLink({
      to: 'bao-cao-ket-qua',
      icon: ChartPie,
      intlLabel: { id: 'loa.results-report.menu', defaultMessage: 'Báo cáo kết quả' },
      permissions: [{ action: 'plugin::content-manager.explorer.publish', subject: 'api::article.article' }],
      Component: () => import('./pages/ResultsReport'),
    });
  },
  bootstrap(_app: StrapiApp) {},
};
