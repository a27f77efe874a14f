//! Deterministic, seeded generators of test and benchmark text, shared by
//! `benches/`, `tests/` and `examples/gen.rs` through `#[path]`. Not part of
//! the library's API.
//!
//! - [`document`]: speech-like documents of a given size (every marker kind,
//!   inline ordinals after `。；：`, long bodies, CJK/ASCII mix, Traditional
//!   passages, near misses, CRLF in some documents).
//! - [`markdown`]: a Markdown rendering of a parsed document (headings as `#`
//!   lines by level, bodies as paragraphs), for pulldown-cmark.
//! - [`Family`]: the adversarial inputs of the linear-time checks.
//!
//! Same `(size, seed)` → same bytes, on every machine: the PRNG is a
//! SplitMix64 written here, no crate involved.

#![allow(dead_code)]

/// SplitMix64: tiny, fast, good enough for choosing phrases.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p` percent.
    pub fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Chinese numeral for 1..=99 (`十一`, `二十三`), Simplified.
pub fn cn(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        _ if n % 10 == 0 => format!("{}十", D[n / 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

/// Capital numeral (`壹` … `拾貳`) for 1..=99, Traditional forms.
pub fn capital(n: usize) -> String {
    const D: [&str; 10] = ["零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "拾".to_string(),
        11..=19 => format!("拾{}", D[n - 10]),
        _ if n % 10 == 0 => format!("{}拾", D[n / 10]),
        _ => format!("{}拾{}", D[n / 10], D[n % 10]),
    }
}

/// Circled number ① … ⑳, ㉑ … ㊿ (1..=50).
pub fn circled(n: usize) -> char {
    let n = n.clamp(1, 50) as u32;
    let c = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        _ => 0x32B1 + n - 36,
    };
    char::from_u32(c).unwrap_or('①')
}

const TOPICS: &[&str] = &[
    "提高政治站位",
    "压实工作责任",
    "聚焦重点任务",
    "强化要素保障",
    "深化改革创新",
    "推动高质量发展",
    "持续优化营商环境",
    "扎实推进乡村振兴",
    "切实保障改善民生",
    "全面加强党的建设",
    "统筹发展和安全",
    "加快数字化转型",
    "抓好安全生产",
    "加强生态环境保护",
    "提升基层治理水平",
    "狠抓作风建设",
];

/// Objects that make heading titles (nearly) unique, as in real documents:
/// repeated titles would read as a table of contents (spec §5).
const OBJECTS: &[&str] = &[
    "筑牢安全发展底线",
    "推进城乡融合发展",
    "加快重大项目建设",
    "做强特色主导产业",
    "擦亮生态文化品牌",
    "夯实基层基础",
    "兜牢民生底线",
    "激发市场主体活力",
    "扩大有效投资",
    "促进消费提质扩容",
    "建设数字政府",
    "深化“放管服”改革",
    "推动科技成果转化",
    "稳定粮食生产",
    "加强耕地保护",
    "守住不发生规模性返贫底线",
    "提升城市品质",
    "办好民生实事",
    "加强干部队伍建设",
    "营造风清气正的政治生态",
    "防范化解重大风险",
    "打好污染防治攻坚战",
    "推进教育优质均衡",
    "完善社会保障体系",
];

const PLACES: &[&str] = &[
    "在新起点上",
    "在新征程上",
    "以改革为动力",
    "以项目为抓手",
    "以人民为中心",
    "聚焦短板弱项",
    "围绕中心大局",
    "立足县情实际",
    "对标先进地区",
    "紧盯年度目标",
    "坚持系统观念",
    "突出创新驱动",
];

const TOPICS_TRAD: &[&str] = &[
    "充分肯定成績",
    "準確把握形勢",
    "紮實做好重點工作",
    "加強組織領導",
    "強化責任落實",
    "推動產業轉型升級",
    "提升公共服務水準",
];

const PLACES_TRAD: &[&str] = &[
    "在新學期",
    "以質量為核心",
    "圍繞中心工作",
    "立足縣情實際",
    "緊盯年度目標",
    "堅持問題導向",
];

const OBJECTS_TRAD: &[&str] = &[
    "辦好人民滿意的教育",
    "建設高素質教師隊伍",
    "推進城鄉教育均衡",
    "築牢校園安全防線",
    "深化課堂教學改革",
    "加強師德師風建設",
    "落實立德樹人根本任務",
];

const CLAUSES: &[&str] = &[
    "全县上下坚持稳中求进工作总基调",
    "各乡镇、各部门要切实增强责任感和紧迫感",
    "要把思想和行动统一到县委、县政府的决策部署上来",
    "去年全县地区生产总值增长6.5%，规模以上工业增加值增长8.2%",
    "完成固定资产投资128.6亿元，同比增长12.3%",
    "城乡居民人均可支配收入分别达到42,518元和21,307元",
    "新建5G基站320个，实现乡镇以上区域全覆盖",
    "要对照目标任务，倒排工期、挂图作战",
    "坚决防止形式主义、官僚主义",
    "统一思想、凝聚共识，形成工作合力",
    "二、三级医院的诊疗服务能力明显提升",
    "1.5万人次参加了技能培训，3、4月份是关键时期",
    "这一是非常重要的经验，第一次实现了全覆盖",
    "要按照第（一）项规定和第一条规定的要求执行",
    "通过APP、小程序和12345热线受理群众诉求1.2万件",
    "GDP增速、CPI涨幅等主要指标均好于预期",
    "详见https://www.example.gov.cn/zwgk/2024/notice.html",
    "我们必须清醒看到，发展不平衡不充分的问题仍然突出",
    "要坚持问题导向、目标导向、结果导向",
    "确保各项任务落地见效",
    "以钉钉子精神抓好工作落实",
    "部分单位工作推进不够平衡，个别项目进度滞后",
];

const CLAUSES_TRAD: &[&str] = &[
    "全縣教育系統紮紮實實抓教學、抓管理、抓安全",
    "城鄉之間、校際之間辦學水平差距仍然較大",
    "要嚴格執行課程計劃，不得隨意增減課時",
    "各校要開齊開足國家規定課程",
    "我們也要清醒看到發展中的困難和問題",
];

const TAILS: &[&str] = &["。", "。", "。", "；", "！", "，"];
const SENTENCE_ENDS: &[&str] = &["。", "；", "："];

/// One generated document, assembled line by line.
struct Writer<'r> {
    rng: &'r mut Rng,
    out: String,
    nl: &'static str,
    trad: bool,
    /// Stop adding lines once the text is this long.
    limit: usize,
}

impl Writer<'_> {
    fn clause(&mut self) -> &'static str {
        if self.trad {
            self.rng.pick(CLAUSES_TRAD)
        } else {
            self.rng.pick(CLAUSES)
        }
    }

    fn topic(&mut self) -> &'static str {
        if self.trad {
            self.rng.pick(TOPICS_TRAD)
        } else {
            self.rng.pick(TOPICS)
        }
    }

    fn indent(&mut self) {
        match self.rng.below(10) {
            0..=5 => self.out.push_str("　　"),
            6 => self.out.push_str("    "),
            _ => {}
        }
    }

    fn newline(&mut self) {
        // Mostly the document's own line break, now and then a stray one.
        let nl = match self.rng.below(200) {
            0 => "\r\n",
            1 => "\r",
            _ => self.nl,
        };
        self.out.push_str(nl);
        if self.rng.chance(8) {
            self.out.push_str(self.nl);
        }
    }

    /// A sentence of one to four clauses.
    fn sentence(&mut self) {
        let n = self.rng.range(1, 4);
        for i in 0..n {
            let c = self.clause();
            self.out.push_str(c);
            self.out.push_str(if i + 1 < n { "，" } else { "" });
        }
        let t = self.rng.pick(TAILS);
        self.out.push_str(if t == "，" { "。" } else { t });
    }

    /// A paragraph; some hold an inline series 一是…二是… after `。；：`.
    fn paragraph(&mut self) {
        if self.out.len() >= self.limit {
            return;
        }
        self.indent();
        let sentences = self.rng.range(1, 6);
        for _ in 0..sentences {
            self.sentence();
        }
        if self.rng.chance(30) {
            self.inline_series();
        }
        self.newline();
    }

    fn inline_series(&mut self) {
        let end = self.rng.pick(SENTENCE_ENDS);
        self.out.push_str("主要做法是");
        self.out.push_str(end);
        let n = self.rng.range(2, 6);
        let (style, suffix) = match self.rng.below(4) {
            0 => (0, "是"),
            1 => (0, "要"),
            2 => (1, "，"),
            _ => (0, "是"),
        };
        for i in 1..=n {
            if style == 1 {
                self.out.push('第');
                self.out.push_str(&cn(i));
                self.out.push_str(suffix);
            } else {
                self.out.push_str(&cn(i));
                self.out.push_str(suffix);
            }
            let c = self.clause();
            self.out.push_str(c);
            if self.rng.chance(20) {
                self.out.push('“');
                let t = self.topic();
                self.out.push_str(t);
                self.out.push('”');
            }
            self.out.push_str(if i == n {
                "。"
            } else {
                self.rng.pick(&["；", "。", "；", "，"])
            });
        }
    }

    /// A heading line: marker, title, sometimes a first sentence.
    fn heading(&mut self, marker: &str) {
        if self.out.len() >= self.limit {
            return;
        }
        self.indent();
        if self.rng.chance(3) {
            self.out.push_str("**");
        }
        self.out.push_str(marker);
        let t = self.topic();
        self.out.push_str(t);
        self.out.push('，');
        if self.trad {
            let p = self.rng.pick(PLACES_TRAD);
            self.out.push_str(p);
            let o = self.rng.pick(OBJECTS_TRAD);
            self.out.push_str(o);
        } else {
            let p = self.rng.pick(PLACES);
            self.out.push_str(p);
            let o = self.rng.pick(OBJECTS);
            self.out.push_str(o);
        }
        if self.rng.chance(50) {
            self.out.push('。');
            self.sentence();
        }
        self.newline();
    }

    fn body(&mut self, max: usize) {
        let n = self.rng.range(0, max);
        for _ in 0..n {
            self.paragraph();
        }
    }

    /// 一、 › （一） › 1. › （1） › ①, with bodies, ordinals and sequences.
    fn speech_section(&mut self, i: usize) {
        let m = match self.rng.below(10) {
            0 => format!("{}．", cn(i)),
            _ => format!("{}、", cn(i)),
        };
        self.heading(&m);
        self.body(2);
        for j in 1..=self.rng.range(0, 5) {
            let m = match self.rng.below(8) {
                0 => format!("({})", cn(j)),
                1 => format!("〔{}〕", cn(j)),
                _ => format!("（{}）", cn(j)),
            };
            self.heading(&m);
            self.body(3);
            if self.rng.chance(40) {
                for k in 1..=self.rng.range(1, 5) {
                    let m = match self.rng.below(6) {
                        0 => format!("{k}、"),
                        1 => format!("{}．", char::from_u32(0xFF10 + k as u32).unwrap_or('１')),
                        _ => format!("{k}."),
                    };
                    self.heading(&m);
                    self.body(2);
                    if self.rng.chance(25) {
                        for l in 1..=self.rng.range(1, 4) {
                            self.heading(&format!("（{l}）"));
                            self.body(1);
                            if self.rng.chance(20) {
                                for c in 1..=self.rng.range(1, 4) {
                                    self.heading(&circled(c).to_string());
                                    self.body(1);
                                }
                            }
                        }
                    }
                }
            }
            if self.rng.chance(15) {
                self.sequence();
            }
            if self.rng.chance(15) {
                self.ordinal_lines();
            }
        }
    }

    fn sequence(&mut self) {
        for w in ["首先，", "其次，", "再次，", "最后，"] {
            self.indent();
            self.out.push_str(w);
            self.sentence();
            self.newline();
        }
    }

    fn ordinal_lines(&mut self) {
        for i in 1..=self.rng.range(2, 4) {
            self.indent();
            self.out.push_str(&cn(i));
            self.out.push('是');
            self.sentence();
            self.newline();
        }
    }

    /// A regulation: 第一章 › 第一节 › 第一条, Simplified or Traditional.
    fn regulation(&mut self, article: &mut usize) {
        let (zhang, jie, tiao) = if self.trad {
            ("章", "節", "條")
        } else {
            ("章", "节", "条")
        };
        for c in 1..=self.rng.range(1, 3) {
            self.out.push_str(&format!("第{}{}　", cn(c), zhang));
            let t = self.topic();
            self.out.push_str(t);
            self.newline();
            let sections = self.rng.range(0, 2);
            for s in 0..sections.max(1) {
                if sections > 0 {
                    self.out.push_str(&format!("第{}{}　", cn(s + 1), jie));
                    let t = self.topic();
                    self.out.push_str(t);
                    self.newline();
                }
                for _ in 0..self.rng.range(1, 5) {
                    *article += 1;
                    self.indent();
                    self.out
                        .push_str(&format!("第{}{}　", cn((*article - 1) % 99 + 1), tiao));
                    self.sentence();
                    self.newline();
                }
            }
        }
    }

    /// A Taiwan-style report: 壹、 › 一、, in Traditional characters.
    fn capital_section(&mut self, i: usize) {
        let m = format!("{}、", capital(i));
        self.heading(&m);
        self.body(2);
        for j in 1..=self.rng.range(0, 3) {
            self.heading(&format!("{}、", cn(j)));
            self.body(2);
        }
    }

    fn dotted(&mut self) {
        for a in 1..=self.rng.range(1, 3) {
            let b = self.rng.range(1, 4);
            self.heading(&format!("{a}.{b} "));
            self.body(1);
            if self.rng.chance(40) {
                let c = self.rng.range(1, 3);
                self.heading(&format!("{a}.1.{c} "));
                self.body(1);
            }
        }
    }
}

/// A speech-like document of at least `size` bytes (a little more: it ends
/// at a line), the same for the same `(size, seed)`.
pub fn document(size: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let nl = if rng.chance(20) { "\r\n" } else { "\n" };
    let mut w = Writer {
        rng: &mut rng,
        out: String::with_capacity(size + 4096),
        nl,
        trad: false,
        limit: size,
    };
    let mut part = 0;
    let mut article;
    while w.out.len() < size {
        part += 1;
        // Each part is a document of its own: its articles start at 第一条.
        article = 0;
        w.trad = w.rng.chance(12);
        if part > 1 || w.rng.chance(30) {
            match w.rng.below(3) {
                0 => w.out.push_str(&format!("【篇{part}】")),
                1 => w.out.push_str(&format!("【第{}篇】", cn(part % 99 + 1))),
                _ => w.out.push_str(&format!("第{}篇", cn(part % 99 + 1))),
            }
            w.newline();
        }
        w.out.push_str(if w.trad {
            "在全縣教育系統工作會議上的講話"
        } else {
            "在全县经济工作会议上的讲话"
        });
        w.newline();
        w.out.push_str(if w.trad {
            "各位同志："
        } else {
            "同志们："
        });
        w.newline();
        w.body(2);
        match w.rng.below(10) {
            0 => w.regulation(&mut article),
            1 => {
                for i in 1..=w.rng.range(2, 5) {
                    w.capital_section(i);
                }
            }
            2 => w.dotted(),
            _ => {
                for i in 1..=w.rng.range(2, 6) {
                    w.speech_section(i);
                }
            }
        }
        w.paragraph();
    }
    w.out
}

/// The Markdown a converter would make of `doc`: preamble paragraphs, then
/// each heading as a `#` line by level (capped at 6) holding its marker and
/// title, and its body paragraphs; blocks separated by blank lines.
pub fn markdown(doc: &tigang::Document<'_>) -> String {
    let mut out = String::with_capacity(doc.source().len());
    for p in &doc.preamble {
        out.push_str(p.text);
        out.push_str("\n\n");
    }
    for h in doc.headings() {
        for _ in 0..h.level.min(6) {
            out.push('#');
        }
        out.push(' ');
        out.push_str(h.marker);
        out.push_str(&h.title);
        out.push_str("\n\n");
        for b in h.body() {
            out.push_str(b.text);
            out.push_str("\n\n");
        }
    }
    out
}

/// Adversarial inputs for the linear-time checks (issue 5, §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Lines of `一、…` (1M lines at full size).
    NumeralLines,
    /// One long line without a newline (10 MB at full size).
    OneLongLine,
    /// One line of `一是…；二是…；` items (100k at full size).
    InlineSeries,
    /// `一、（一）1.（1）①` repeated (100k at full size), one line.
    NestedMarkers,
    /// The same nested-looking markers, one per line with a one-character title.
    NestedMarkerLines,
    /// `（（（（…` (10 MB at full size).
    OpenParens,
    /// Only `\r` bytes.
    OnlyCr,
    /// Alternating Traditional / Simplified markers, one per line.
    TradSimplified,
}

impl Family {
    pub const ALL: [Family; 8] = [
        Family::NumeralLines,
        Family::OneLongLine,
        Family::InlineSeries,
        Family::NestedMarkers,
        Family::NestedMarkerLines,
        Family::OpenParens,
        Family::OnlyCr,
        Family::TradSimplified,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::NumeralLines => "numeral_lines",
            Family::OneLongLine => "one_long_line",
            Family::InlineSeries => "inline_series",
            Family::NestedMarkers => "nested_markers",
            Family::NestedMarkerLines => "nested_marker_lines",
            Family::OpenParens => "open_parens",
            Family::OnlyCr => "only_cr",
            Family::TradSimplified => "trad_simplified",
        }
    }

    /// The unit the issue counts this family in, and how many of them the
    /// issue asks for ("1M lines", "10 MB", "100k items").
    pub fn full_units(self) -> usize {
        match self {
            Family::NumeralLines => 1_000_000,
            Family::OneLongLine => 10_000_000,
            Family::InlineSeries => 100_000,
            Family::NestedMarkers | Family::NestedMarkerLines => 100_000,
            Family::OpenParens => 10_000_000,
            Family::OnlyCr => 10_000_000,
            Family::TradSimplified => 1_000_000,
        }
    }

    /// The input with `units` lines / items / bytes (see [`Family::full_units`]).
    pub fn input(self, units: usize) -> String {
        let mut s = String::new();
        match self {
            Family::NumeralLines => {
                for i in 0..units {
                    s.push_str(&cn(i % 99 + 1));
                    s.push_str("、加强组织领导。\n");
                }
            }
            Family::OneLongLine => {
                // Prose with every kind of inline trigger but no line break.
                const UNIT: &str = "一、要坚持（一）问题导向，第一是1.5万人次；统一是①工作；";
                while s.len() < units {
                    s.push_str(UNIT);
                }
                let cut = (0..=units.min(s.len()))
                    .rev()
                    .find(|&k| s.is_char_boundary(k))
                    .unwrap_or(0);
                s.truncate(cut);
            }
            Family::InlineSeries => {
                s.push_str("主要任务：");
                for i in 0..units {
                    s.push_str(&cn(i % 99 + 1));
                    s.push_str("是加强领导；");
                }
            }
            Family::NestedMarkers => {
                for _ in 0..units {
                    s.push_str("一、（一）1.（1）①");
                }
            }
            Family::NestedMarkerLines => {
                for _ in 0..units {
                    s.push_str("一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n");
                }
            }
            Family::OpenParens => {
                s = "（".repeat(units / 3);
            }
            Family::OnlyCr => {
                s = "\r".repeat(units);
            }
            Family::TradSimplified => {
                const LINES: [&str; 8] = [
                    "壹、總體要求\n",
                    "一、总体要求\n",
                    "第一條　為了規範管理\n",
                    "第一条　为了规范管理\n",
                    "第一節　一般規定\n",
                    "（一）加强领导\n",
                    "最後，落實責任。\n",
                    "貳、重點工作\n",
                ];
                for i in 0..units {
                    s.push_str(LINES[i % LINES.len()]);
                }
            }
        }
        s
    }
}

/// The CPU time this thread has used, in seconds: unlike wall time, it
/// does not grow when other threads (the other tests of the test binary, or
/// other jobs on a shared CI machine) take the cores.
pub fn thread_cpu_secs() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// The least of `runs` times `f` takes, in this thread's CPU seconds.
pub fn min_cpu_secs(runs: usize, f: impl Fn()) -> f64 {
    (0..runs.max(1))
        .map(|_| {
            let t = thread_cpu_secs();
            f();
            thread_cpu_secs() - t
        })
        .fold(f64::INFINITY, f64::min)
}

/// The least CPU time of `runs` parses of `text` (dropping the result
/// included), in seconds.
pub fn min_parse_secs(text: &str, runs: usize) -> f64 {
    min_cpu_secs(runs, || {
        let doc = tigang::parse(std::hint::black_box(text));
        std::hint::black_box(doc.headings().len());
        drop(doc);
    })
}
