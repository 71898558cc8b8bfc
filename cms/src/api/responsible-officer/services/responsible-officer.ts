import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::responsible-officer.responsible-officer');
