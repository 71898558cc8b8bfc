// Vietnamese field labels, hints and list columns for the content manager. Strapi keeps these in
// its "configure the view" settings (database), not in schema files, so setup writes them on
// every start; a label changed by hand in the admin is overwritten by the one here.
import type { Strapi } from './strapi-types.ts';

type Field = { label: string; description?: string; placeholder?: string; mainField?: string; editable?: boolean };

interface ViewConfig {
  fields: Record<string, Field>;
  /** Field shown for an entry in lists and relation pickers. */
  mainField: string;
  /** Columns of the list view. */
  list?: string[];
  defaultSortBy?: string;
  defaultSortOrder?: 'ASC' | 'DESC';
}

const contentTypes: Record<string, ViewConfig> = {
  'api::article.article': {
    mainField: 'title',
    list: ['title', 'firstPublishedAt', 'responsibleOfficer', 'publishAt', 'scheduleNote'],
    defaultSortBy: 'firstPublishedAt',
    defaultSortOrder: 'DESC',
    fields: {
      title: { label: 'Tiêu đề', placeholder: 'Ví dụ: Phường đẩy mạnh hướng dẫn nộp hồ sơ trực tuyến' },
      slug: { label: 'Đường dẫn (slug)', description: 'Tạo tự động từ tiêu đề, không dấu; có thể sửa. Không đổi sau khi đã đăng để giữ liên kết.' },
      summary: { label: 'Tóm tắt', description: 'Bắt buộc, tối đa 300 ký tự; hiện ở danh sách tin, RSS và khi chia sẻ lên mạng xã hội.' },
      body: { label: 'Nội dung', description: 'Viết bằng Markdown. Mã HTML, script, nhúng từ trang khác sẽ bị loại bỏ khi đăng.' },
      cover: { label: 'Ảnh bìa', description: 'Kèm mô tả ảnh cho người đọc bằng trình đọc màn hình.' },
      contentAreas: { label: 'Nội dung tuyên truyền', description: 'Chọn ít nhất một nội dung của kế hoạch (bắt buộc khi xuất bản).', mainField: 'shortTitle' },
      responsibleOfficer: { label: 'Cán bộ phụ trách', description: 'Bắt buộc khi xuất bản.', mainField: 'positionTitle' },
      channels: { label: 'Hình thức tuyên truyền', description: 'Các kênh đăng, phát tin bài này.', mainField: 'name' },
      legalReferences: { label: 'Văn bản căn cứ' },
      attachments: { label: 'Tệp đính kèm' },
      featured: { label: 'Tin nổi bật', description: 'Tin nổi bật hiện đầu trang chủ.' },
      firstPublishedAt: { label: 'Ngày đăng', description: 'Tự ghi khi xuất bản lần đầu; có thể sửa.' },
      publishAt: {
        label: 'Hẹn giờ xuất bản',
        description: 'Giờ Việt Nam. Bài tự xuất bản vào thời điểm này (bấm Lưu, không bấm Xuất bản). Để trống nếu không hẹn giờ.',
      },
      unpublishAt: { label: 'Hẹn giờ gỡ bài', description: 'Giờ Việt Nam. Bài đã đăng tự gỡ khỏi cổng thông tin vào thời điểm này.' },
      scheduleNote: { label: 'Ghi chú lịch đăng', description: 'Hệ thống ghi khi không thực hiện được lịch đăng hoặc gỡ bài đúng hẹn.', editable: false },
      createdAt: { label: 'Ngày tạo' },
      updatedAt: { label: 'Ngày cập nhật' },
      publishedAt: { label: 'Ngày xuất bản' },
    },
  },
  'api::publication-log.publication-log': {
    mainField: 'articleTitle',
    list: ['occurredAt', 'action', 'articleTitle', 'version', 'actor'],
    defaultSortBy: 'occurredAt',
    defaultSortOrder: 'DESC',
    fields: {
      occurredAt: { label: 'Thời điểm', editable: false },
      action: { label: 'Việc làm', description: 'Xuất bản, gỡ bài (trực tiếp hoặc theo hẹn giờ), xóa.', editable: false },
      articleTitle: { label: 'Tin bài', editable: false },
      articleSlug: { label: 'Đường dẫn (slug)', editable: false },
      articleDocumentId: { label: 'Mã tin bài', description: 'Mã của tin bài trong hệ thống; vẫn giữ khi tin bài đã bị xóa.', editable: false },
      version: { label: 'Phiên bản', description: 'Lần xuất bản thứ mấy của tin bài (với gỡ bài, xóa: phiên bản đang đăng lúc đó).', editable: false },
      versionSavedAt: { label: 'Phiên bản lưu lúc', editable: false },
      actor: { label: 'Người thực hiện', editable: false },
      createdAt: { label: 'Ngày tạo' },
      updatedAt: { label: 'Ngày cập nhật' },
    },
  },
  'api::activity.activity': {
    mainField: 'title',
    list: ['title', 'startDate', 'channel', 'quantity', 'unit', 'responsibleOfficer', 'confirmed'],
    defaultSortBy: 'startDate',
    defaultSortOrder: 'DESC',
    fields: {
      title: { label: 'Tên hoạt động', placeholder: 'Ví dụ: Phát thanh về dịch vụ công trực tuyến trên loa tổ dân phố' },
      plan: { label: 'Kế hoạch', description: 'Để trống: kế hoạch của năm diễn ra hoạt động.', mainField: 'title' },
      startDate: { label: 'Ngày (bắt đầu)', description: 'Ngày diễn ra; nếu kéo dài nhiều ngày, ngày bắt đầu.' },
      endDate: { label: 'Đến ngày', description: 'Chỉ nhập nếu hoạt động kéo dài nhiều ngày.' },
      channel: { label: 'Hình thức tuyên truyền', description: 'Bắt buộc.', mainField: 'name' },
      contentAreas: { label: 'Nội dung tuyên truyền', description: 'Các nội dung của kế hoạch mà hoạt động tuyên truyền.', mainField: 'shortTitle' },
      responsibleOfficer: { label: 'Cán bộ phụ trách', mainField: 'positionTitle' },
      quantity: { label: 'Số lượng', description: 'Số nguyên không âm, theo đơn vị bên cạnh.' },
      unit: { label: 'Đơn vị', description: 'Băng rôn, lượt phát thanh, buổi, người tham dự, tờ rơi, bài đăng.' },
      place: { label: 'Địa điểm', placeholder: 'Ví dụ: Nhà văn hóa tổ dân phố số 5' },
      notes: { label: 'Ghi chú' },
      article: { label: 'Tin bài liên quan', description: 'Nếu hoạt động đăng hoặc phát lại một tin bài của cổng thông tin.', mainField: 'title' },
      evidence: { label: 'Minh chứng', description: 'Ảnh chụp, biên bản, danh sách (không hiện trên cổng thông tin).' },
      confirmed: {
        label: 'Đã xác nhận',
        description: 'Biên tập viên xác nhận; báo cáo chỉ tính hoạt động đã xác nhận. Sửa sau khi xác nhận thì phải xác nhận lại.',
      },
      confirmedAt: { label: 'Xác nhận lúc', editable: false },
      confirmedBy: { label: 'Người xác nhận', editable: false },
      createdAt: { label: 'Ngày tạo' },
      updatedAt: { label: 'Ngày cập nhật' },
    },
  },
  'api::content-area.content-area': {
    mainField: 'shortTitle',
    list: ['letter', 'shortTitle', 'plan', 'order'],
    defaultSortBy: 'order',
    defaultSortOrder: 'ASC',
    fields: {
      plan: { label: 'Kế hoạch', mainField: 'title' },
      letter: { label: 'Ký hiệu mục', description: 'Chữ cái của mục trong kế hoạch: a, b, c, d, đ, e, g…' },
      shortTitle: { label: 'Tên ngắn', description: 'Hiện trên menu và danh mục chủ đề.' },
      slug: { label: 'Đường dẫn (slug)' },
      fullText: { label: 'Nội dung đầy đủ', description: 'Nguyên văn nội dung trong kế hoạch.' },
      order: { label: 'Thứ tự' },
      articles: { label: 'Tin bài', mainField: 'title' },
    },
  },
  'api::channel.channel': {
    mainField: 'name',
    list: ['name', 'slug', 'order'],
    defaultSortBy: 'order',
    defaultSortOrder: 'ASC',
    fields: {
      name: { label: 'Tên hình thức' },
      slug: { label: 'Đường dẫn (slug)' },
      description: { label: 'Mô tả' },
      order: { label: 'Thứ tự' },
      articles: { label: 'Tin bài', mainField: 'title' },
    },
  },
  'api::responsible-officer.responsible-officer': {
    mainField: 'positionTitle',
    list: ['positionTitle', 'holderName', 'phone', 'order'],
    defaultSortBy: 'order',
    defaultSortOrder: 'ASC',
    fields: {
      positionTitle: { label: 'Chức danh', placeholder: 'Ví dụ: Công chức Văn hóa - Xã hội' },
      slug: { label: 'Đường dẫn (slug)' },
      duties: { label: 'Nhiệm vụ được phân công' },
      holderName: { label: 'Họ và tên người đảm nhiệm' },
      phone: { label: 'Điện thoại' },
      email: { label: 'Thư điện tử' },
      order: { label: 'Thứ tự' },
      articles: { label: 'Tin bài', mainField: 'title' },
    },
  },
  'api::plan.plan': {
    mainField: 'title',
    list: ['year', 'number', 'title', 'issuedOn'],
    defaultSortBy: 'year',
    defaultSortOrder: 'DESC',
    fields: {
      year: { label: 'Năm' },
      number: { label: 'Số, ký hiệu', placeholder: 'Ví dụ: 45/KH-UBND' },
      issuedOn: { label: 'Ngày ban hành' },
      issuer: { label: 'Cơ quan ban hành' },
      title: { label: 'Trích yếu' },
      signer: { label: 'Người ký' },
      body: { label: 'Toàn văn' },
      attachment: { label: 'Bản ký số (PDF)' },
      contentAreas: { label: 'Nội dung tuyên truyền', mainField: 'shortTitle' },
    },
  },
  'api::site-setting.site-setting': {
    mainField: 'siteTitle',
    fields: {
      wardName: { label: 'Tên phường', placeholder: 'Ví dụ: phường Hưng Đạo' },
      parentUnitName: { label: 'Đơn vị hành chính cấp trên', description: 'Để trống nếu phường trực thuộc thành phố (chính quyền hai cấp từ 1/7/2025).' },
      cityName: { label: 'Tỉnh, thành phố' },
      reportRecipient: { label: 'Nơi nhận báo cáo', description: 'Cơ quan nhận báo cáo kết quả thực hiện kế hoạch.' },
      siteTitle: { label: 'Tên cổng thông tin' },
      tagline: { label: 'Khẩu hiệu' },
      address: { label: 'Địa chỉ trụ sở' },
      phone: { label: 'Điện thoại' },
      email: { label: 'Thư điện tử' },
      contactOfficer: { label: 'Người phụ trách liên hệ' },
      hotlines: { label: 'Đường dây nóng' },
      socialLinks: { label: 'Mạng xã hội' },
      relatedLinks: { label: 'Liên kết cổng thông tin liên quan', description: 'Cổng Dịch vụ công quốc gia, cổng thông tin của thành phố…' },
      nameEn: { label: 'Tên cơ quan bằng tiếng Anh' },
      aboutEn: { label: 'Giới thiệu bằng tiếng Anh', description: 'Chức năng, nhiệm vụ, tổ chức bộ máy (Nghị định 42/2022/NĐ-CP yêu cầu có bản tiếng Anh).' },
    },
  },
};

const components: Record<string, ViewConfig> = {
  'article.cover-image': {
    mainField: 'alt',
    fields: { image: { label: 'Ảnh' }, alt: { label: 'Mô tả ảnh', description: 'Bắt buộc: mô tả ngắn nội dung ảnh cho người khiếm thị.' } },
  },
  'article.legal-reference': {
    mainField: 'documentNumber',
    fields: {
      documentNumber: { label: 'Số, ký hiệu', placeholder: 'Ví dụ: 76/NQ-CP' },
      issuedOn: { label: 'Ngày ban hành' },
      issuer: { label: 'Cơ quan ban hành' },
      title: { label: 'Trích yếu' },
      url: { label: 'Liên kết', placeholder: 'https://…' },
    },
  },
  'site.contact-person': {
    mainField: 'name',
    fields: { name: { label: 'Họ và tên' }, position: { label: 'Chức vụ' }, phone: { label: 'Điện thoại' }, email: { label: 'Thư điện tử' } },
  },
  'site.hotline': {
    mainField: 'label',
    fields: { label: { label: 'Tên đường dây' }, phone: { label: 'Số điện thoại' }, note: { label: 'Ghi chú' } },
  },
  'site.link': {
    mainField: 'label',
    fields: { label: { label: 'Tên cơ quan, cổng thông tin' }, url: { label: 'Liên kết' } },
  },
  'site.social-link': {
    mainField: 'label',
    fields: { network: { label: 'Mạng xã hội' }, label: { label: 'Tên hiển thị' }, url: { label: 'Liên kết' } },
  },
};

function apply(configuration: any, view: ViewConfig) {
  configuration.settings = { ...configuration.settings, mainField: view.mainField };
  if (view.defaultSortBy) {
    configuration.settings.defaultSortBy = view.defaultSortBy;
    configuration.settings.defaultSortOrder = view.defaultSortOrder ?? 'ASC';
  }
  for (const [name, field] of Object.entries(view.fields)) {
    const metadata = configuration.metadatas?.[name];
    if (!metadata) continue;
    metadata.edit = { ...metadata.edit, label: field.label };
    if (field.description) metadata.edit.description = field.description;
    if (field.placeholder) metadata.edit.placeholder = field.placeholder;
    if (field.mainField) metadata.edit.mainField = field.mainField;
    if (field.editable !== undefined) metadata.edit.editable = field.editable;
    if (metadata.list) metadata.list = { ...metadata.list, label: field.label, ...(field.mainField ? { mainField: field.mainField } : {}) };
  }
  if (view.list && configuration.layouts) configuration.layouts.list = view.list;
  return configuration;
}

export async function applyAdminLabels(strapi: Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  const typesService = contentManager.service('content-types');
  for (const [uid, view] of Object.entries(contentTypes)) {
    const contentType = strapi.contentTypes[uid];
    const configuration = await typesService.findConfiguration(contentType);
    await typesService.updateConfiguration(contentType, apply(structuredClone(configuration), view));
  }
  const componentsService = contentManager.service('components');
  for (const [uid, view] of Object.entries(components)) {
    const component = strapi.components[uid];
    const configuration = await componentsService.findConfiguration(component);
    await componentsService.updateConfiguration(component, apply(structuredClone(configuration), view));
  }
}
