/**
 * Fixed-seed generator of Chinese project texts for the 查重 benchmark: a Zipf vocabulary of Chinese
 * words over a Zipf-weighted set of common characters, numbered section headings from the call's form,
 * shared template sentences, planted near-duplicates (word-level edits at 2–25 %) and planted copied
 * passages (50–500 normalised characters). Document i is a pure function of (seed, i), so 10^6
 * documents can be streamed without holding their texts.
 */

export class Rng {
  private s: number;
  constructor(...parts: number[]) {
    let h = 0x9e3779b9;
    for (const p of parts) h = mixInt(h ^ Math.imul(p | 0, 0x85ebca6b));
    this.s = h | 0 || 1;
  }
  /** mulberry32 */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  float(): number {
    return this.next() / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
}

function mixInt(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

// About 900 frequent characters of technical Chinese.
const CHAR_POOL = [
  ...new Set(
    '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞测试检智能网络数据平台系统模型算法材料芯片传感器控制优化设计制造装备工艺性能结构功能应用服务产业链协同创新研发成果转化示范推广标准规范监管评估安全可靠稳定高效节能环保绿色低碳新能源储能电池氢燃料光伏风电机器人自动驾驶医疗生物药物诊断疫苗基因细胞蛋白临床健康养老农业种子土壤水资源海洋港口物流交通通信量子计算云边端融合感知识别预测仿真孪生精密加工焊接涂层复合纤维陶瓷合金磁性半导体集成封装晶圆显示激光光学声学振动噪声热管理轻量化可降解回收循环利用'.split(''),
  ),
];

/** Section titles of the default application form (NB-11 附件1), used as headings. */
export const HEADINGS = [
  '项目所在领域发展背景分析',
  '结合国家重大需求，分析国内外发展趋势',
  '宁波相关产业基础与需求分析',
  '开展该项目的意义',
  '项目实施思路',
  '项目目标',
  '主要研究开发内容以及考核目标（包含技术指标）',
  '技术路线图',
  '项目管理机制',
  '项目组织模式',
  '经费投入概算及筹措',
  '已有工作基础',
  '已有研究基础',
  '项目完成后拟取得的标志性成果',
];

/** Boilerplate that every applicant copies from the form: never counts as copying. */
export const TEMPLATE_SENTENCES = [
  '本单位承诺所提交的申报材料真实、准确、完整，如有虚假愿承担相应责任。',
  '项目承担单位须按照有关规定对专项资金实行单独核算、专款专用。',
  '本项目不存在与已立项项目重复申报或多头申报的情况。',
  '请对照申报指南的要求逐项填写，字数不超过三千字。',
  '项目实施期内，承担单位应按要求报送年度执行情况报告。',
  '申报单位应具有健全的科研管理、财务管理和知识产权管理制度。',
  '项目负责人应为申报单位在职人员，且同期主持的市级项目不超过一项。',
  '经费预算应当符合相关性、合理性和经济性的原则。',
  '项目完成后须按规定提交验收申请及相关证明材料。',
  '本表所填内容将作为项目立项评审和验收考核的依据。',
  '研究成果应在本市实现转化或产业化应用。',
  '合作单位之间应签订联合实施协议，明确各方的权利和义务。',
];

const NUMERALS = '一二三四五六七八九十';

interface Vocabulary {
  words: string[];
  cum: Float64Array;
}

function zipfCum(n: number, s: number): Float64Array {
  const cum = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += 1 / Math.pow(i + 1, s);
    cum[i] = t;
  }
  for (let i = 0; i < n; i++) cum[i]! /= t;
  return cum;
}

function pick(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function buildVocabulary(seed: number, size: number): Vocabulary {
  const rng = new Rng(seed, 0x766f6361);
  const charCum = zipfCum(CHAR_POOL.length, 0.8);
  const seen = new Set<string>();
  const words: string[] = [];
  while (words.length < size) {
    const u = rng.float();
    const len = u < 0.1 ? 1 : u < 0.7 ? 2 : u < 0.88 ? 3 : 4;
    let w = '';
    for (let i = 0; i < len; i++) w += CHAR_POOL[pick(charCum, rng.float())]!;
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  return { words, cum: zipfCum(size, 1.0) };
}

/** A document as segments, so edits can work on words and passages on content only. */
export type Segment = { kind: 'heading'; text: string } | { kind: 'template'; text: string } | { kind: 'content'; words: string[] };

export interface GeneratorOptions {
  seed: number;
  /** Inclusive range of a document's target length in characters. */
  minChars: number;
  maxChars: number;
  vocabulary?: number;
}

export type DocKind = { kind: 'fresh' } | { kind: 'near'; of: number; editRate: number } | { kind: 'passage'; from: number; length: number };

export class CorpusGenerator {
  readonly vocab: Vocabulary;
  constructor(readonly opts: GeneratorOptions) {
    this.vocab = buildVocabulary(opts.seed, opts.vocabulary ?? 20000);
  }

  private word(rng: Rng): string {
    return this.vocab.words[pick(this.vocab.cum, rng.float())]!;
  }

  /** A fresh document structure from its own random stream. */
  freshSegments(rng: Rng): Segment[] {
    const target = rng.range(this.opts.minChars, this.opts.maxChars);
    const nSections = 2 + rng.int(3);
    const start = rng.int(HEADINGS.length - nSections);
    const segs: Segment[] = [];
    let len = 0;
    for (let s = 0; s < nSections; s++) {
      const h = `${NUMERALS[s]}、${HEADINGS[start + s]}\n`;
      segs.push({ kind: 'heading', text: h });
      len += h.length;
      if (rng.float() < 0.5) {
        const t = TEMPLATE_SENTENCES[rng.int(TEMPLATE_SENTENCES.length)]!;
        segs.push({ kind: 'template', text: t });
        len += t.length;
      }
      const sectionTarget = (target * (s + 1)) / nSections;
      while (len < sectionTarget) {
        const words: string[] = [];
        const nw = 6 + rng.int(14);
        for (let i = 0; i < nw; i++) {
          words.push(this.word(rng));
          if (i > 2 && i < nw - 2 && rng.float() < 0.18) words.push(rng.float() < 0.85 ? '，' : '、');
        }
        const r = rng.float();
        // Numbers, Latin terms and full-width forms exercise the folding.
        if (r < 0.08) words.splice(1 + rng.int(words.length - 1), 0, `${2015 + rng.int(11)}年`);
        else if (r < 0.12) words.splice(1 + rng.int(words.length - 1), 0, rng.float() < 0.5 ? 'ＡＩ' : 'AI');
        else if (r < 0.15) words.splice(1 + rng.int(words.length - 1), 0, `${10 + rng.int(90)}％`);
        words.push('。');
        segs.push({ kind: 'content', words });
        len += words.reduce((a, w) => a + w.length, 0);
      }
      segs.push({ kind: 'heading', text: '\n' });
    }
    return segs;
  }

  /** Word-level edits (substitute / delete / insert) at the given rate. */
  edit(segs: Segment[], rate: number, rng: Rng): Segment[] {
    return segs.map((s) => {
      if (s.kind !== 'content') return s;
      const out: string[] = [];
      for (const w of s.words) {
        if (w === '。' || w === '，' || w === '、' || rng.float() >= rate) {
          out.push(w);
          continue;
        }
        const op = rng.int(3);
        if (op === 0) out.push(this.word(rng));
        else if (op === 2) out.push(this.word(rng), w);
      }
      return { kind: 'content', words: out };
    });
  }

  static render(segs: Segment[]): string {
    let out = '';
    for (const s of segs) out += s.kind === 'content' ? s.words.join('') : s.text;
    return out;
  }
}

/** Plant `passage` into `host` at a sentence boundary chosen by rng. */
export function plant(host: string, passage: string, rng: Rng): { text: string; at: number } {
  const bounds: number[] = [0];
  for (let i = 0; i < host.length; i++) if (host[i] === '。') bounds.push(i + 1);
  const at = bounds[rng.int(bounds.length)]!;
  return { text: host.slice(0, at) + passage + host.slice(at), at };
}
