// Child-process entry of `npm run production -- create-admin`: loads Strapi without serving,
// creates one super administrator, and exits. The account arrives as one JSON line on stdin (never
// in arguments or the environment, where other processes could read the password). Exit codes:
// 0 created, 2 refused (the reason, in Vietnamese, on stderr), 1 failed.
import { text } from 'node:stream/consumers';
import { createCmsStrapi } from './load-strapi.ts';

interface NewAdmin {
  email: string;
  firstname: string;
  lastname: string;
  password: string;
}

const account = JSON.parse(await text(process.stdin)) as NewAdmin;
const strapi = createCmsStrapi({ serveAdminPanel: false });

let code = 0;
try {
  await strapi.load();
  const email = account.email.toLowerCase();
  if (await strapi.db.query('admin::user').findOne({ where: { email } })) {
    console.error(`Đã có tài khoản ${email}; không tạo lại. Quên mật khẩu thì dùng "Quên mật khẩu?" ở trang đăng nhập.`);
    code = 2;
  } else {
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    await strapi.service('admin::user').create({
      email,
      firstname: account.firstname,
      lastname: account.lastname,
      password: account.password,
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
      preferedLanguage: 'vi',
    });
  }
} catch (error) {
  console.error('Creating the administrator failed:', error);
  code = 1;
}
await strapi.destroy().catch(() => {});
process.exit(code);
