import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::responsible-officer.responsible-officer');
