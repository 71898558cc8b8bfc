import { describe, expect, it } from 'vitest';
import { load } from 'cheerio';
import { bodyFiles, markdownToText, renderMarkdown } from '../src/markdown.ts';

// Vectors from the OWASP XSS filter evasion cheat sheet and the HTML5 Security Cheatsheet,
// written as an officer could paste them into a Markdown body.
const vectors = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="/uploads/a.jpg" onload="alert(1)">',
  '<svg onload=alert(1)><circle r=10 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">bấm vào đây</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '[bấm](javascript:alert(1))',
  '[bấm](javascript&#58;alert(1))',
  '![ảnh](javascript:alert(1))',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<video src=x onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="x:expression(alert(1))">x</p>',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<details open ontoggle=alert(1)>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>@import "https://evil.example/x.css";</style>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<marquee onstart=alert(1)>x</marquee>',
  '"><script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src="https://tracker.example/pixel.gif" alt="theo dõi">',
  '<img src="//tracker.example/pixel.gif" alt="theo dõi">',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
];

function assertInert(html: string) {
  const $ = load(html, null, false);
  expect($('script, iframe, object, embed, video, audio, svg, math, style, link, meta, base, form, input, button, template, body, html, head').length).toBe(0);
  $('*').each((_, el) => {
    const attributes: Record<string, string> = 'attribs' in el ? el.attribs : {};
    for (const [name, value] of Object.entries(attributes)) {
      expect(name.startsWith('on'), `event handler ${name} in ${html}`).toBe(false);
      expect(name).not.toBe('style');
      expect(name).not.toBe('srcdoc');
      if (name === 'href' || name === 'src' || name === 'action' || name === 'background') {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore control characters in a URL's scheme, so must this check
        expect(value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase()).not.toMatch(/^(javascript|vbscript|data):/);
      }
    }
  });
  $('img').each((_, el) => {
    expect($(el).attr('src'), 'only own media library images').toMatch(/^\/(?!\/)/);
  });
}

describe('renderMarkdown', () => {
  it.each(vectors)('neutralises %s', (vector) => {
    assertInert(renderMarkdown(vector));
    assertInert(renderMarkdown(`Đoạn văn.\n\n${vector}\n\nĐoạn khác.`));
  });

  it('keeps the Markdown an officer writes', () => {
    const html = renderMarkdown(
      [
        '## Các bước nộp hồ sơ',
        '',
        '1. Đăng nhập **Cổng Dịch vụ công quốc gia**',
        '2. Chọn *thủ tục* cần thực hiện',
        '',
        'Xem [hướng dẫn](https://dichvucong.gov.vn) hoặc gọi [đường dây nóng](tel:02253123456).',
        '',
        '![Bộ phận một cửa](/uploads/mot_cua.jpg)',
        '',
        '| Chỉ số | 2023 | 2024 |',
        '| --- | --- | --- |',
        '| SIPAS | 85% | 90% |',
      ].join('\n'),
    );
    const $ = load(html);
    expect($('h2').text()).toBe('Các bước nộp hồ sơ');
    expect($('ol li')).toHaveLength(2);
    expect($('strong').text()).toBe('Cổng Dịch vụ công quốc gia');
    expect($('a[href="https://dichvucong.gov.vn"]').attr('rel')).toContain('noopener');
    expect($('a[href="tel:02253123456"]').text()).toBe('đường dây nóng');
    expect($('img').attr('src')).toBe('/tep-tin/mot_cua.jpg');
    expect($('img').attr('alt')).toBe('Bộ phận một cửa');
    expect($('table td').first().text()).toBe('SIPAS');
  });

  it('demotes a level-one heading so the article title stays the only h1', () => {
    const $ = load(renderMarkdown('# Tiêu đề phụ'));
    expect($('h1')).toHaveLength(0);
    expect($('h2').text()).toBe('Tiêu đề phụ');
  });

  it('drops HTML comments, so a body cannot fake the search index markers', () => {
    const html = renderMarkdown('Đoạn một <!--/search-body--> giả.\n\n<!--search-body-->\n\nĐoạn hai.');
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('search-body');
    expect(html).toContain('Đoạn hai.');
  });

  it('returns NFC text', () => {
    const html = renderMarkdown('Cải cách hành chính'.normalize('NFD'));
    expect(html).toContain('Cải cách hành chính'.normalize('NFC'));
  });
});

describe('media-library files in a body', () => {
  it('points images and links at the copies the portal publishes under /tep-tin/, and names them for the build', () => {
    const markdown =
      '![Hội nghị](/uploads/hoi_nghi_a1b2.png)\n\n[Biên bản](/uploads/bien_ban_c3d4.pdf) · [Trang khác](/tin-tuc/x/) · ![lạ](https://evil.example/x.png)\n\n<img src="/uploads/hoi_nghi_a1b2.png" alt="lần hai">';
    const html = renderMarkdown(markdown);
    expect(html).toContain('<img src="/tep-tin/hoi_nghi_a1b2.png" alt="Hội nghị"');
    expect(html).toContain('<a href="/tep-tin/bien_ban_c3d4.pdf">Biên bản</a>');
    expect(html).toContain('<a href="/tin-tuc/x/">Trang khác</a>');
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('/uploads/');
    expect(bodyFiles(markdown)).toEqual(['/uploads/hoi_nghi_a1b2.png', '/uploads/bien_ban_c3d4.pdf']);
  });
});

describe('markdownToText', () => {
  it('strips markup and decodes entities', () => {
    expect(markdownToText('**Cải cách** <b>thủ tục</b> & [liên kết](https://x.example)\n\n- một')).toBe('Cải cách thủ tục & liên kết một');
  });
});
