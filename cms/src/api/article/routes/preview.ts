// Drafts for the portal's preview server only: outside the content API's published-only rule,
// guarded by the shared preview secret instead of a token (see controllers/preview.ts).
export default {
  routes: [
    {
      method: 'GET',
      path: '/preview/articles/:documentId',
      handler: 'api::article.preview.findDraft',
      config: { auth: false },
    },
  ],
};
