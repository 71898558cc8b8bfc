// The slice of Strapi's runtime API the scripts use. The scripts load Strapi from the cms
// package at run time; typing just this slice keeps them independent of Strapi's generated types.

export interface StrapiDocument {
  id: number;
  documentId: string;
  [field: string]: any;
}

export interface DocumentService {
  findFirst(params?: Record<string, unknown>): Promise<StrapiDocument | null>;
  findMany(params?: Record<string, unknown>): Promise<StrapiDocument[]>;
  findOne(params: Record<string, unknown>): Promise<StrapiDocument | null>;
  create(params: Record<string, unknown>): Promise<StrapiDocument>;
  update(params: Record<string, unknown>): Promise<StrapiDocument>;
  delete(params: Record<string, unknown>): Promise<unknown>;
  publish(params: Record<string, unknown>): Promise<unknown>;
  unpublish(params: Record<string, unknown>): Promise<unknown>;
}

export interface Strapi {
  documents(uid: string): DocumentService;
  db: { query(uid: string): any };
  store: {
    get(params: { type: string; name: string; key: string }): Promise<unknown>;
    set(params: { type: string; name: string; key: string; value: unknown }): Promise<void>;
  };
  service(uid: string): any;
  get(name: string): any;
  plugin(name: string): { service(name: string): any };
  contentTypes: Record<string, { attributes: Record<string, any> }>;
  components: Record<string, { attributes: Record<string, any> }>;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  load(): Promise<Strapi>;
  start(): Promise<Strapi>;
  destroy(): Promise<void>;
}
