import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Extensions an officer may upload, each with what the file's own bytes must turn out to be
 * (file-type's detection; `text` for files with no signature, which must be UTF-8 text). Old
 * Office formats all share the Compound File container (`cfb`).
 */
const ALLOWED: Record<string, string[]> = {
  jpg: ['jpg'],
  jpeg: ['jpg'],
  png: ['png'],
  gif: ['gif'],
  webp: ['webp'],
  pdf: ['pdf'],
  doc: ['cfb'],
  xls: ['cfb'],
  ppt: ['cfb'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
  odt: ['odt'],
  ods: ['ods'],
  odp: ['odp'],
  txt: ['text'],
  csv: ['text'],
};

const REFUSAL =
  'chỉ nhận ảnh (JPG, PNG, GIF, WEBP), PDF, tài liệu Word, Excel, PowerPoint, OpenDocument, TXT hoặc CSV, và nội dung tệp phải đúng loại với phần mở rộng.';

interface UploadedFile {
  originalFilename?: string | null;
  name?: string;
  filepath?: string;
  path?: string;
}

async function detect(path: string): Promise<string | undefined> {
  // file-type is an ES module; Node 24 loads it from this CommonJS build.
  const { fileTypeFromFile } = await import('file-type');
  const type = await fileTypeFromFile(path);
  if (type) return type.ext;
  const bytes = await readFile(path);
  if (bytes.includes(0)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text';
  } catch {
    return undefined;
  }
}

// Strapi's upload checks the MIME type the client declares, which a file can lie about, and
// takes any extension. Every file a request carries, whatever route it is sent to (the media
// library, the content API's upload, replacing a file), must have an allowed extension and
// content of that kind. Runs after strapi::body, which has parsed the multipart body.
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: any, next: () => Promise<void>) => {
    const files = ctx.request.files as Record<string, UploadedFile | UploadedFile[]> | undefined;
    for (const file of Object.values(files ?? {}).flat()) {
      const name = file.originalFilename ?? file.name ?? '';
      const path = file.filepath ?? file.path;
      const extension = extname(name).slice(1).toLowerCase();
      const expected = ALLOWED[extension];
      const actual = path && expected ? await detect(path) : undefined;
      if (!expected || !actual || !expected.includes(actual)) {
        strapi.log.warn(`Refused upload "${name}": extension "${extension}", content ${actual ?? 'unknown'}`);
        throw new errors.ValidationError(`Không tải lên được tệp "${name.slice(0, 120)}": ${REFUSAL}`);
      }
    }
    await next();
  };
};
