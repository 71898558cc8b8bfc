import { describe, expect, it } from 'vitest';
import { compareVietnamese, foldDiacritics, normalizeText } from '../src/vietnamese.ts';
import { slugify } from '../src/slug.ts';

describe('slugify', () => {
  it.each([
    ['Đẩy mạnh cải cách', 'day-manh-cai-cach'],
    ['Cải cách hành chính', 'cai-cach-hanh-chinh'],
    ['j. Dịch vụ công trực tuyến và đường dây nóng', 'j-dich-vu-cong-truc-tuyen-va-duong-day-nong'],
    ['ĐƯỜNG DÂY NÓNG 24/7!', 'duong-day-nong-24-7'],
    ['  Hội nghị — tọa đàm (lần 2)  ', 'hoi-nghi-toa-dam-lan-2'],
    ['Nghị quyết 76/NQ-CP', 'nghi-quyet-76-nq-cp'],
    ['Tiêu chuẩn TCVN ISO 9001:2015', 'tieu-chuan-tcvn-iso-9001-2015'],
    ['Tuyên truyền & hướng dẫn', 'tuyen-truyen-va-huong-dan'],
    ['Kích hoạt tài khoản VNeID mức 2', 'kich-hoat-tai-khoan-vneid-muc-2'],
    ['Đường đi đến bộ phận một cửa', 'duong-di-den-bo-phan-mot-cua'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('gives the same slug for decomposed (NFD) and composed (NFC) input', () => {
    const composed = 'Thủ tục hành chính';
    expect(slugify(composed.normalize('NFD'))).toBe(slugify(composed));
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('Ủy ban nhân dân phường tổ chức hội nghị tuyên truyền cải cách hành chính nhà nước năm 2024 cho cán bộ', 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith('-')).toBe(false);
    expect('uy-ban-nhan-dan-phuong-to-chuc-hoi-nghi-tuyen-truyen'.startsWith(slug)).toBe(true);
  });
});

describe('foldDiacritics', () => {
  it('folds tone marks, vowel marks and đ', () => {
    expect(foldDiacritics('Đường dây nóng tiếp nhận phản ánh')).toBe('Duong day nong tiep nhan phan anh');
    expect(foldDiacritics('ươ ă â ê ô ơ ư đ Ð')).toBe('uo a a e o o u d Ð');
  });
});

describe('normalizeText', () => {
  it('composes decomposed Vietnamese', () => {
    const nfd = 'Hòa'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan(3);
    expect(normalizeText(` ${nfd} `)).toBe('Hòa');
  });
});

describe('compareVietnamese', () => {
  it('sorts names in Vietnamese alphabetical order', () => {
    const names = ['Đỗ Văn Bình', 'Dương Thị Hà', 'Ân', 'An', 'Ăn', 'Bùi Minh'];
    expect([...names].sort(compareVietnamese)).toEqual(['An', 'Ăn', 'Ân', 'Bùi Minh', 'Dương Thị Hà', 'Đỗ Văn Bình']);
  });
});
