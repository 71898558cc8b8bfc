// "In bài" and "Lưu bài" on article pages (see src/components/ArticleTools.astro). Plain
// JavaScript, served as it is: one file that every article page loads, so a reader's browser
// fetches it once.

/** Replaces each image in `root` by an inline copy, so the saved file opens offline. */
async function inlineImages(root) {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    try {
      const blob = await (await fetch(img.currentSrc || img.src)).blob();
      img.src = await new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsDataURL(blob);
      });
      img.removeAttribute('srcset');
      img.removeAttribute('sizes');
    } catch {
      img.remove();
    }
  }
}

const escapeHtml = (value) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Saves the article as one self-contained HTML file (styles and images inlined). */
async function save(fileName) {
  const sheets = Array.from(document.querySelectorAll('link[rel="stylesheet"]'));
  const css = (await Promise.all(sheets.map((link) => fetch(link.href).then((r) => r.text())))).join('\n');
  const article = document.querySelector('article').cloneNode(true);
  await inlineImages(article);
  for (const element of article.querySelectorAll('[data-article-tools], script')) element.remove();
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(document.title)}</title><style>${css}</style></head><body><main class="container">${article.outerHTML}<p>Nguồn: <a href="${escapeHtml(location.href)}">${escapeHtml(location.href)}</a></p></main></body></html>`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

for (const tools of Array.from(document.querySelectorAll('[data-article-tools]'))) {
  tools.hidden = false;
  tools.querySelector('[data-print]')?.addEventListener('click', () => window.print());
  tools.querySelector('[data-save]')?.addEventListener('click', () => save(tools.dataset.fileName ?? 'bai-viet.html'));
}
