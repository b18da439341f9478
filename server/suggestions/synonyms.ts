import { normalizeText, toHiragana, toKatakana } from './normalize.js';

/**
 * The 表記ゆれ and near-synonyms of city-hall work that the grouping suggestions read as one word (issue 19),
 * kept in the repo, not fetched: the board runs on a closed network. Each entry is `[the words it stands for,
 * its spellings]`. A spelling is found anywhere in a note (longest first, so キャッシュレス決済 is read before 決済,
 * the common typo of 決裁) and replaced by the entry's words before the note is tokenised, so the dictionary never
 * splits it (ワンストップ → ワン ストップ). The words are space-separated when a term names two things at once
 * (キャッシュレス is about paying). Hiragana and katakana, full and half width, case and a final long vowel mark
 * are folded anyway (normalize.ts): list a spelling once. An entry standing for itself (ネットワーク) keeps a
 * longer word from being read as a shorter one (ネット). Add to the list when staff write a term we miss.
 */
export const SYNONYMS: ReadonlyArray<readonly [words: string, spellings: readonly string[]]> = [
  // Applying and paying
  [
    '電子申請',
    ['電子申請', 'オンライン申請', 'オンラン申請', 'ネット申請', 'web申請', 'ウェブ申請', 'インターネット申請'],
  ],
  ['電子申請', ['ネットで申し込', 'ネットで申請', 'オンラインで申し込', 'オンラインで申請', 'スマホから申請']],
  ['電子申請', ['スマホで申請', 'マイナポータル', 'e-gov']],
  ['オンライン', ['オンライン', 'ネット', 'インターネット', 'web', 'ウェブ']],
  ['ネットワーク', ['ネットワーク']],
  ['キャッシュレス 支払い', ['キャッシュレス', 'スマホ決済', 'qrコード', 'qr決済', '電子マネー', 'クレジットカード']],
  ['キャッシュレス 支払い', ['paypay', 'クレカ', 'キャッシュレス決済', 'カード決済', '決済アプリ']],
  ['支払い', ['支払', '現金', '納付', '納め', 'おつり', '手数料', '払う', '払え']],
  ['申請書', ['申請書', '申込書', '届出書', '様式', '用紙に']],
  ['記入', ['記入', '書かせ', '書かな', '書かさ', '書く', '書き方', '記載', '書き損じ']],
  ['ワンストップ', ['ワンストップ', '一か所', '一箇所', '1か所', 'ひとつの窓口', '一つの窓口', 'たらい回し']],
  ['ワンストップ', ['縦割り', 'あちこちの課', '別の階', '窓口を回']],
  ['おくやみ', ['おくやみ', '死亡届', '遺族']],
  ['転入', ['転入', '転出', '引っ越し', '引越し']],
  ['開庁時間', ['開庁', '閉庁', '平日', '夜間', '休日', '土日', '土曜', '日曜', '仕事を休']],
  ['待ち時間', ['待ち時間', '待たず', '待た', '待ち', '待つ', '番号札', '呼出', '呼ば']],
  ['混雑', ['混雑', '混み具合', '行列', '繁忙期', 'あふれ']],
  ['窓口', ['窓口', 'カウンター', '受付']],
  ['多言語', ['多言語', '外国語', '英語', '翻訳', '通訳', 'ベトナム語', 'ネパール語', '中国語', 'やさしい日本語']],
  ['多言語', ['日本語だけ', '日本語のみ']],
  ['外国人 多言語', ['外国人', '外国籍']],
  ['高齢者', ['高齢', 'シニア', 'お年寄り', 'おじいちゃん', 'おばあちゃん']],
  ['デジタルデバイド 高齢者', ['デジタルデバイド', '取り残', 'スマホ教室']],
  ['スマホ', ['スマホ', 'スマートフォン', '携帯']],
  ['ホームページ', ['ホームページ', 'webサイト', 'ウェブサイト', 'サイト', 'hp', 'トップページ']],
  ['問い合わせ', ['問い合わせ', '問合せ', '問い合せ', '問合わせ', '質問', 'コールセンター']],
  ['チャットボット 問い合わせ', ['チャットボット', 'aiチャットボット']],
  ['通知', ['通知', 'お知らせ', '配信', 'プッシュ', '知らせ', '周知', '広報', '届か', '届い', '届く']],
  ['給付', ['給付', '手当', '支援制度', '助成']],
  // Approving, paper, typing
  ['押印', ['押印', 'ハンコ', '判子', '印鑑', '捺印']],
  ['押印廃止', ['押印廃止', 'ハンコレス', '脱ハンコ']],
  ['決裁', ['決裁', '稟議', '起案', '決済', '承認', '代決']],
  ['電子決裁', ['電子決裁', 'ワークフロー']],
  ['紙 ペーパーレス', ['ペーパーレス', '紙削減', '紙の削減', '紙を使わない', '脱紙']],
  ['紙', ['紙', '用紙', 'ペーパー', '印刷', 'コピー', 'プリンター', 'プリント']],
  ['fax', ['fax', 'ファックス', 'ファクス', 'ファクシミリ']],
  ['rpa 自動化', ['rpa', 'ロボット', 'ai-ocr', 'ocr']],
  ['入力', ['入力', '転記', '打ち込', 'コピペ', 'パンチ']],
  ['会議', ['会議', '打ち合わせ', '打合せ', 'ミーティング', '定例会', '会合']],
  ['議事録 会議', ['議事録']],
  ['チャット', ['チャット', 'teams', 'slack']],
  ['メール', ['メール', 'cc']],
  ['照会', ['照会', '調査', 'アンケート', '取りまとめ', 'とりまとめ']],
  ['集計 照会', ['集計']],
  ['エクセル', ['エクセル', 'excel', 'xlsx']],
  ['ファイル', ['ファイル', 'フォルダ', 'ファイルサーバ']],
  ['検索', ['検索', '探す', '探し', '見つからな']],
  ['テレワーク', ['テレワーク', '在宅勤務', 'リモートワーク', 'remote work', 'モバイルワーク', '家で仕事']],
  ['テレワーク', ['どこでも働', '在宅', '自宅で仕事']],
  ['パソコン', ['パソコン', 'pc', 'コンピュータ', '端末']],
  ['クラウド', ['クラウド', 'ガバメントクラウド']],
  // People
  ['専門人材', ['専門人材', '詳しい職員', '詳しい人', 'わかる人', '専門知識', '専門職', 'it人材', 'ict人材']],
  ['専門人材', ['デジタル人材', 'dx人材', 'cio補佐官', 'cio']],
  ['研修', ['研修', '講座', 'eラーニング', 'e-learning', '勉強', '学ぶ', '学び', '教育', '講習']],
  ['引継ぎ', ['引継ぎ', '引き継ぎ', '引継', '担当が変わる', '人事異動', '異動', '属人', '前任者']],
  ['マニュアル 引継ぎ', ['マニュアル', '手順書']],
  ['ベンダー', ['ベンダー', '業者', '事業者', 'メーカー']],
  ['仕様', ['仕様', '仕様書']],
  [
    '前例',
    ['前例', '前例踏襲', '今までのやり方', 'これまでのやり方', '前からこう', '抵抗', '変化を嫌', '変えたくない'],
  ],
  ['挑戦', ['挑戦', 'チャレンジ', '試す', '試し']],
  ['スキル', ['スキル', 'リテラシー', '能力', '操作が苦手', '使いこな']],
  ['ノーコード ツール', ['ノーコード', 'ローコード', 'no-code', 'low-code', '市民開発']],
  ['ツール', ['ツール', 'アプリ']],
  ['離職', ['離職', '辞め', '退職']],
  ['採用', ['採用', '応募', '集まらな']],
  ['若手', ['若手', '若い']],
  ['推進リーダー', ['推進リーダー', '旗振り', '旗を振', '推進員', '推進担当', '推進を担う']],
];

function spellings(word: string): string[] {
  const normal = normalizeText(word);
  const forms = [normal, toKatakana(normal), toHiragana(normal)];
  return [...new Set(forms.flatMap((form) => [form, form.endsWith('ー') ? form.slice(0, -1) : `${form}ー`]))];
}

const wordsOf = new Map<string, string[]>();
for (const [words, variants] of SYNONYMS) {
  for (const variant of variants) for (const spelling of spellings(variant)) wordsOf.set(spelling, words.split(' '));
}
// Longest first: a regular expression's alternation takes the first alternative that matches.
const pattern = new RegExp(
  [...wordsOf.keys()]
    .sort((a, b) => b.length - a.length)
    .map((spelling) => spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'gu',
);

/**
 * The listed spellings found in a normalised text, each with the words it stands for, and the text left for the
 * tokeniser (each spelling replaced by a comma, which ends a word).
 */
export function extractSynonyms(normalizedText: string): {
  found: Array<{ spelling: string; words: string[] }>;
  rest: string;
} {
  const found: Array<{ spelling: string; words: string[] }> = [];
  const rest = normalizedText.replace(pattern, (match) => {
    found.push({ spelling: match, words: wordsOf.get(match) ?? [] });
    return '、';
  });
  return { found, rest };
}

/** The words a tokenised word's key stands for (a base form such as 試す), or null when the list does not know it. */
export function synonymOf(key: string): string[] | null {
  return wordsOf.get(key) ?? wordsOf.get(toHiragana(key)) ?? null;
}
