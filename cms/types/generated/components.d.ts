import type { Schema, Struct } from '@strapi/strapi';

export interface ArticleCoverImage extends Struct.ComponentSchema {
  collectionName: 'components_article_cover_image';
  info: {
    description: '\u1EA2nh \u0111\u1EA1i di\u1EC7n c\u1EE7a tin b\u00E0i v\u00E0 m\u00F4 t\u1EA3 \u1EA3nh cho ng\u01B0\u1EDDi khi\u1EBFm th\u1ECB';
    displayName: '\u1EA2nh b\u00ECa';
  };
  attributes: {
    alt: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 250;
      }>;
    image: Schema.Attribute.Media<'images'> & Schema.Attribute.Required;
  };
}

export interface ArticleLegalReference extends Struct.ComponentSchema {
  collectionName: 'components_article_legal_reference';
  info: {
    description: 'V\u0103n b\u1EA3n ph\u00E1p lu\u1EADt, v\u0103n b\u1EA3n ch\u1EC9 \u0111\u1EA1o \u0111\u01B0\u1EE3c d\u1EABn trong tin b\u00E0i';
    displayName: 'V\u0103n b\u1EA3n c\u0103n c\u1EE9';
  };
  attributes: {
    documentNumber: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 60;
      }>;
    issuedOn: Schema.Attribute.Date;
    issuer: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 400;
      }>;
    url: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
  };
}

export interface SiteContactPerson extends Struct.ComponentSchema {
  collectionName: 'components_site_contact_person';
  info: {
    description: '';
    displayName: 'Ng\u01B0\u1EDDi ph\u1EE5 tr\u00E1ch li\u00EAn h\u1EC7';
  };
  attributes: {
    email: Schema.Attribute.Email & Schema.Attribute.Required;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    phone: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
    position: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
  };
}

export interface SiteHotline extends Struct.ComponentSchema {
  collectionName: 'components_site_hotline';
  info: {
    description: '';
    displayName: '\u0110\u01B0\u1EDDng d\u00E2y n\u00F3ng';
  };
  attributes: {
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    note: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    phone: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
  };
}

export interface SiteLink extends Struct.ComponentSchema {
  collectionName: 'components_site_links';
  info: {
    description: 'Li\u00EAn k\u1EBFt \u0111\u1EBFn c\u1ED5ng th\u00F4ng tin c\u1EE7a c\u01A1 quan li\u00EAn quan';
    displayName: 'Li\u00EAn k\u1EBFt';
  };
  attributes: {
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    url: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
  };
}

export interface SiteSocialLink extends Struct.ComponentSchema {
  collectionName: 'components_site_social_link';
  info: {
    description: '';
    displayName: 'M\u1EA1ng x\u00E3 h\u1ED9i';
  };
  attributes: {
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    network: Schema.Attribute.Enumeration<
      ['facebook', 'zalo', 'youtube', 'other']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'facebook'>;
    url: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'article.cover-image': ArticleCoverImage;
      'article.legal-reference': ArticleLegalReference;
      'site.contact-person': SiteContactPerson;
      'site.hotline': SiteHotline;
      'site.link': SiteLink;
      'site.social-link': SiteSocialLink;
    }
  }
}
