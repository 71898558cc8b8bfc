import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::responsible-officer.responsible-officer');
