//! Nesting (spec §3): decides which candidates become headings and under
//! which parent, with one stack of open headings and no recursion.
//!
//! Line-level headings close the outermost open heading of their own rank or
//! a lower one. Ranks start from GB/T 9704 (explicit headings above every
//! numbered kind, by their depth) and the document may change them as it
//! goes, each change made once, when a kind first appears ([`Order`]):
//!
//! - a kind that first appears numbered 1 under a heading the default ranks
//!   below it, while that heading's series goes on after the new kind's run
//!   (`4.1.2`, `一、…四、`, `4.1.3`), is put below it (rule 2);
//! - a numbered kind on a line that declares its level (`## 一、`) ranks with
//!   the explicit headings of that level, and one whose series goes on across
//!   explicit headings of a level (`（六）`, `#### 95 年…`, `（十一）`) ranks
//!   beside them (rule 3).
//!
//! Whether a series goes on is known before nesting starts: [`continuations`]
//! finds, for every line-level candidate, the next member of its series, in
//! one forward pass. The nesting itself is one bounded forward pass.

use super::candidate::{Boundary, Candidate, Place};
use crate::document::LevelFrom;
use crate::kind::MarkerKind;

/// An accepted heading: the candidate, its parent (index into the same list),
/// its depth and its final number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub cand: Candidate,
    pub parent: Option<usize>,
    pub level: usize,
    pub number: u32,
    pub level_from: LevelFrom,
}

/// Turns candidates (in document order) into headings.
///
/// A `首先` that no `其次`/`再次`/`然后`/`最后` follows in the same parent opened no
/// series (`首先，我代表县委向大家表示感谢。`): it is dropped and the rest nested
/// again.
pub(crate) fn nest(src: &str, cands: &[Candidate]) -> Vec<Node> {
    let nodes = nest_once(src, cands);
    let first = |n: &Node| n.cand.rec.kind == MarkerKind::Sequence && n.number == 1;
    if !nodes.iter().any(first) {
        return nodes;
    }
    let mut followed = vec![false; nodes.len()];
    let mut last_first: Vec<Option<usize>> = vec![None; nodes.len() + 1];
    for (k, n) in nodes.iter().enumerate() {
        if n.cand.rec.kind != MarkerKind::Sequence {
            continue;
        }
        let parent = n.parent.map_or(nodes.len(), |p| p);
        if n.number == 1 {
            last_first[parent] = Some(k);
        } else if let Some(f) = last_first[parent] {
            followed[f] = true;
        }
    }
    let lonely: Vec<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(k, n)| first(n) && !followed[*k])
        .map(|(_, n)| n.cand.start)
        .collect();
    if lonely.is_empty() {
        return nodes;
    }
    // Nested again from the candidates: the first nodes go first.
    drop((nodes, followed, last_first));
    let kept: Vec<Candidate> = cands
        .iter()
        .copied()
        .filter(|c| lonely.binary_search(&c.start).is_err())
        .collect();
    nest_once(src, &kept)
}

/// Explicit heading levels (Markdown `#` … `######`).
const LEVELS: usize = 6;
/// A section label where `#` depths carry no level ([`Place::Label`]).
const LABEL: usize = LEVELS + 22;
/// Another unnumbered heading there ([`Place::Loose`]).
const LOOSE: usize = LABEL + 1;
/// Keys: the explicit levels, each line-level kind and form, then the two
/// places of unnumbered lines in a document whose depths carry no level.
const KEYS: usize = LOOSE + 1;
/// The first key of a list kind (`壹、` and below), which a document may
/// reorder (rule 2); the kinds above it are the fixed structure of codes.
const FIRST_LIST: usize = LEVELS + 7;

/// Whether key `k` is a numbered kind (not an explicit level or place).
fn numbered(k: usize) -> bool {
    (LEVELS..LABEL).contains(&k)
}

/// What is ranked: an explicit level, or a line-level kind (dotted markers by
/// their depth, `（1）` and `1）`, `A.` and `a.`, `一、` and `一.` apart).
/// Ordinals have none.
pub(super) fn key(src: &str, c: &Candidate) -> Option<usize> {
    use MarkerKind::*;
    let text = || &src[c.start..c.end()];
    Some(match c.rec.kind {
        Heading => match c.place {
            Place::Label => LABEL,
            Place::Loose => LOOSE,
            _ => usize::from(c.explicit.clamp(1, LEVELS as u8)) - 1,
        },
        Part => LEVELS,
        Book => LEVELS + 1,
        SubBook => LEVELS + 2,
        Division => LEVELS + 3,
        Chapter => LEVELS + 4,
        Section => LEVELS + 5,
        Article => LEVELS + 6,
        CapitalNumeral => LEVELS + 7,
        // `一.` (a bylaw's chapters over its `一、` items) apart from `一、`.
        Numeral if text().ends_with(['.', '．']) => LEVELS + 21,
        Numeral => LEVELS + 8,
        ParenNumeral => LEVELS + 9,
        Digit => LEVELS + 10,
        // `1.1` … `1.1.1.1.1.1`
        Dotted => LEVELS + 9 + usize::from(c.rec.depth.clamp(2, 6)),
        // `1）` (no opening bracket) apart from `（1）` and `⑴`.
        ParenDigit
            if text()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) =>
        {
            LEVELS + 17
        }
        ParenDigit => LEVELS + 16,
        Circled => LEVELS + 18,
        Letter if text().chars().any(|c| c.is_ascii_lowercase()) => LEVELS + 20,
        Letter => LEVELS + 19,
        _ => return None,
    })
}

/// A rank: smaller is outer. The second number places a kind that the
/// document put below another just under it, in GB/T order among such kinds.
type Rank = (u32, u32);

fn default_rank(k: usize) -> Rank {
    const KINDS: [(MarkerKind, usize, u32); 22] = [
        (MarkerKind::Part, 1, 0),
        (MarkerKind::Book, 1, 0),
        (MarkerKind::SubBook, 1, 0),
        (MarkerKind::Division, 1, 0),
        (MarkerKind::Chapter, 1, 0),
        (MarkerKind::Section, 1, 0),
        (MarkerKind::Article, 1, 0),
        (MarkerKind::CapitalNumeral, 1, 0),
        (MarkerKind::Numeral, 1, 0),
        (MarkerKind::ParenNumeral, 1, 0),
        (MarkerKind::Digit, 1, 0),
        (MarkerKind::Dotted, 2, 0),
        (MarkerKind::Dotted, 3, 0),
        (MarkerKind::Dotted, 4, 0),
        (MarkerKind::Dotted, 5, 0),
        (MarkerKind::Dotted, 6, 0),
        // A second form of a kind (`1）` beside `（1）`, `a.` beside `A.`)
        // ranks with the first until the document puts it below (rule 2).
        (MarkerKind::ParenDigit, 1, 0),
        (MarkerKind::ParenDigit, 1, 0),
        (MarkerKind::Circled, 1, 0),
        (MarkerKind::Letter, 1, 0),
        (MarkerKind::Letter, 1, 0),
        (MarkerKind::Numeral, 1, 0),
    ];
    if k < LEVELS {
        // Explicit headings rank above every numbered kind, by their level.
        return (10 * (k as u32 + 1), 0);
    }
    if k == LEVELS {
        // A part is a document of its own (rule 5): above explicit levels.
        return (0, 0);
    }
    if k == LABEL {
        // Above everything but a part: a label closes all that is open in it.
        return (1, 0);
    }
    if k == LOOSE {
        // Below everything: any heading but another loose one stays open.
        return (u32::MAX, 0);
    }
    let (kind, depth, form) = KINDS[k - LEVELS];
    let r = kind.rank(depth).map_or(0, u32::from);
    (1000 + 10 * r + form, 0)
}

/// The ranks of one document (or part), as it has set them so far.
struct Order {
    rank: [Rank; KEYS],
    /// The ranks by numbering alone (rules 1 and 2, no ties to markup): a
    /// point inside a paragraph ranks so whatever `#` lines say.
    numbering: [Rank; KEYS],
    /// Whether a key's place has been decided (at its first appearance).
    placed: [bool; KEYS],
    /// Whether a numbered key was tied to an explicit level (rule 3).
    tied: [bool; KEYS],
}

impl Order {
    fn new() -> Order {
        Order {
            rank: std::array::from_fn(default_rank),
            numbering: std::array::from_fn(default_rank),
            placed: [false; KEYS],
            tied: [false; KEYS],
        }
    }

    /// Rule 2: `k` is put directly below `under`, after the kinds already put
    /// there that GB/T ranks above `k`.
    fn put_below(&mut self, k: usize, under: usize) {
        let (p, s) = self.rank[under];
        // Below a kind tied to a `#` level, the kind ranks with the level
        // under it (a `##` line closes it, as it closes any heading there).
        let p = if self.tied[under] && p < 10 * LEVELS as u32 {
            p + 10
        } else {
            p
        };
        self.rank[k] = (p, s + 1 + default_rank(k).0);
        let (p, s) = self.numbering[under];
        self.numbering[k] = (p, s + 1 + default_rank(k).0);
    }

    /// Rule 3: numbered key `k` ranks beside explicit level `level` (0-based).
    fn tie(&mut self, k: usize, level: usize) {
        self.rank[k] = self.rank[level];
        self.tied[k] = true;
    }
}

#[derive(Clone, Copy, Debug)]
struct Open {
    node: usize,
    kind: MarkerKind,
    /// The index of the candidate, for its continuation.
    cand: usize,
    key: Option<usize>,
    /// Its rank when it was opened (`None` for an ordinal). Later changes to
    /// its key's rank need not reach it: a tie to an explicit level is made
    /// as that level's first heading arrives and closes it, and a `#` line
    /// of its kind closes it before it moves the key.
    rank: Option<Rank>,
    /// An ordinal that began its line stays open for line-level headings
    /// below it; one that began inside a paragraph does not.
    line_start: bool,
    number: u32,
}

/// For each candidate, the index of the next member of its series: the next
/// line-level candidate of the same key (in the same part), when its number
/// is larger (and, for dotted markers, its parent components are the same).
/// Any other next candidate of the key, or none, means the series is done.
fn continuations(cands: &[Candidate], keys: &[Option<usize>]) -> Vec<Option<usize>> {
    let mut cont = vec![None; cands.len()];
    let mut last: [Option<usize>; KEYS] = [None; KEYS];
    for (j, c) in cands.iter().enumerate() {
        if c.rec.kind == MarkerKind::Part {
            last = [None; KEYS];
            continue;
        }
        let Some(k) = keys[j].filter(|&k| numbered(k)) else {
            continue;
        };
        if let Some(i) = last[k] {
            let p = &cands[i].rec;
            let same_parent = p.path().split_last().map(|(_, up)| up)
                == c.rec.path().split_last().map(|(_, up)| up);
            if c.rec.number > p.number && same_parent {
                cont[i] = Some(j);
            }
        }
        last[k] = Some(j);
    }
    cont
}

fn nest_once(src: &str, cands: &[Candidate]) -> Vec<Node> {
    let keys: Vec<Option<usize>> = cands.iter().map(|c| key(src, c)).collect();
    let cont = continuations(cands, &keys);
    let next_ordinal = next_of_kind(cands);
    // Where the explicit headings of each level are, to tell whether a
    // series goes on across them.
    let mut explicit_at: [Vec<usize>; LEVELS] = Default::default();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k.filter(|&k| k < LEVELS) {
            explicit_at[k].push(i);
        }
    }
    let across = |level: usize, from: usize, to: usize| {
        let at = &explicit_at[level];
        let i = at.partition_point(|&e| e <= from);
        at.get(i).is_some_and(|&e| e < to)
    };

    // Section labels are rare (a converter's flat Markdown): looked for
    // only where there are some.
    let labels = keys.contains(&Some(LABEL));
    let mut order = Order::new();
    let mut nodes: Vec<Node> = Vec::with_capacity(cands.len());
    let mut stack: Vec<Open> = Vec::new();
    for (ci, &cand) in cands.iter().enumerate() {
        let kind = cand.rec.kind;
        let key = keys[ci];
        let mut number = cand.rec.number;
        // `### 1.` ranks at its line's level even where `1.` first stood at
        // another (a re-levelled converter file, spec §7).
        // (A part is a document of its own, whatever its line says.)
        let mut own_rank =
            (cand.place == Place::Markup && kind != MarkerKind::Part && key.is_some_and(numbered))
                .then(|| default_rank(usize::from(cand.explicit.clamp(1, LEVELS as u8)) - 1));
        // The rank the heading is opened with (none for an ordinal).
        let mut opened = None;
        if let Some(k) = key {
            if kind == MarkerKind::Part {
                stack.clear();
                order = Order::new();
                opened = Some(order.rank[k]);
            } else if k == LABEL {
                let part = usize::from(stack.first().is_some_and(|o| o.kind == MarkerKind::Part));
                stack.truncate(part);
                opened = Some(order.rank[k]);
            } else {
                if labels && numbered(k) && cand.boundary == Boundary::LineStart {
                    // A numbered heading closes an open section label (a
                    // label's own headings are unnumbered; a list inside its
                    // paragraph is the label's).
                    if let Some(i) = stack.iter().position(|o| o.key == Some(LABEL)) {
                        stack.truncate(i);
                    }
                }
                if k < LABEL && !order.placed[k] {
                    order.placed[k] = true;
                    place(&mut order, k, &cand, ci, &stack, &cont, &across);
                }
                if cand.boundary != Boundary::LineStart && numbered(k) {
                    // A point inside a paragraph (lost line breaks) ranks by
                    // its numbering, not by a `#` line of its kind.
                    own_rank = Some(order.numbering[k]);
                }
                let rank = own_rank.unwrap_or(order.rank[k]);
                opened = Some(rank);
                if k == LOOSE {
                    // Loose headings are siblings, whatever they hold, and
                    // the points of a paragraph end with it.
                    if let Some(i) = stack.iter().position(|o| o.key == Some(LOOSE)) {
                        stack.truncate(i);
                    }
                    while stack.last().is_some_and(|o| !o.line_start) {
                        stack.pop();
                    }
                } else if let Some(top) = stack
                    .last_mut()
                    .filter(|o| o.key == Some(LOOSE) && opens_under_loose(&cand, k))
                {
                    // A list that starts (at 1) right under a loose heading
                    // is its (`# 第一次会议结论：` ⏎ `# 1. …`): the heading
                    // now ranks just above the list, which closes it no more.
                    top.rank = Some((rank.0.saturating_sub(1), u32::MAX));
                }
                // Rule 1: the nearest open heading of its own kind or of a
                // lower rank closes (a `#` line's own level aside).
                let plain = cand.place != Place::Markup;
                if let Some(i) = stack
                    .iter()
                    .position(|o| o.rank.is_some_and(|r| r >= rank) || (plain && o.key == Some(k)))
                {
                    stack.truncate(i);
                }
                if (LEVELS..FIRST_LIST).contains(&k) {
                    // Rule 4: a structural heading (`第一章`, `第一条`) never
                    // nests under an ordinal (a 总纲's `第五，`): it closes
                    // every open one.
                    if let Some(i) = stack.iter().position(|o| o.key.is_none()) {
                        stack.truncate(i);
                    }
                }
                if let Some(own) = own_rank.filter(|_| cand.place == Place::Markup) {
                    // Lines of the kind without a level of their own rank
                    // with the latest one that declared it (`### 2、`, then
                    // a paragraph `3、…`).
                    order.rank[k] = own;
                    order.tied[k] = true;
                }
                while stack
                    .last()
                    .is_some_and(|o| o.key.is_none() && !o.line_start)
                {
                    stack.pop();
                }
            }
        } else {
            let same = stack.iter().rposition(|o| o.kind == kind);
            if kind == MarkerKind::Sequence && number != 1 {
                // 其次, 再次, 然后, 最后 only continue a series that 首先 opened.
                let Some(j) = same else { continue };
                number = stack[j].number + 1;
            }
            if cand.boundary == Boundary::Comma {
                // After `，` an ordinal only counts when it continues the
                // series, or opens one that the same sentence goes on with
                // (`两个问题，一是…；二是…`).
                let continues = same.is_some_and(|j| stack[j].number + 1 == number);
                let opens = number == 1
                    && next_ordinal[ci].is_some_and(|j| {
                        cands[j].rec.number == 2
                            && !has_sentence_end(&src.as_bytes()[cand.end()..cands[j].start])
                    });
                if !(continues || opens) {
                    continue;
                }
            }
            if let Some(j) = same {
                stack.truncate(j);
            }
        }
        let parent = stack.last().map(|o| o.node);
        let level = parent.map_or(1, |p| nodes[p].level + 1);
        let level_from = match cand.place {
            Place::Label | Place::Loose => LevelFrom::Title,
            Place::Markup if kind == MarkerKind::Heading => LevelFrom::Markup,
            Place::Markup if key.is_some_and(|k| order.tied[k]) => LevelFrom::Markup,
            _ => LevelFrom::Numbering,
        };
        stack.push(Open {
            node: nodes.len(),
            kind,
            cand: ci,
            key,
            rank: opened,
            line_start: cand.boundary == Boundary::LineStart,
            number,
        });
        nodes.push(Node {
            cand,
            parent,
            level,
            number,
            level_from,
        });
    }
    nodes
}

/// Whether `cand` of key `k` opens a series that a loose heading right
/// above it holds: numbered 1, not dotted (`1.1` belongs to `1` by its own
/// number), not a part. A law's name over its chapters (`《新基本法》` ⏎
/// `第一章`) and a meeting's date over its decisions (`…會議結論：` ⏎ `1.`)
/// hold what starts under them.
fn opens_under_loose(cand: &Candidate, k: usize) -> bool {
    cand.rec.number == 1
        && numbered(k)
        && !matches!(cand.rec.kind, MarkerKind::Dotted | MarkerKind::Part)
}

/// Drops the candidates that are not a series of the document's own (spec
/// §2): articles before the part's `第一条` (a report quoting a law holds
/// no article series: `根据《劳动法》：第三十六条 国家实行…`), and letters
/// outside a run that starts at `a`/`A` (`B. Smith`).
///
/// Also a month.day standing alone in a byline (`4.18 [链接](…)`): a dotted
/// `M.D` that no other dotted marker shares the first component with, on a
/// line of links or Latin text.
pub(crate) fn own_series(src: &str, cands: &mut Vec<Candidate>) {
    let mut firsts: foldhash::HashMap<u16, u32> = Default::default();
    for c in cands.iter().filter(|c| c.rec.kind == MarkerKind::Dotted) {
        *firsts.entry(c.rec.path()[0]).or_default() += 1;
    }
    let byline_date = |c: &Candidate| {
        let path = c.rec.path();
        if c.rec.kind != MarkerKind::Dotted || path.len() != 2 || path[0] > 12 || path[1] > 31 {
            return false;
        }
        let rest = &src[c.end()..];
        let rest = &rest[..memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len())];
        firsts.get(&path[0]) == Some(&1)
            && (rest.contains("](")
                || rest.contains("http")
                || !rest
                    .chars()
                    .any(|ch| ('\u{4E00}'..='\u{9FFF}').contains(&ch)))
    };
    let excerpt = excerpt_articles(cands);
    let mut articles = false;
    // The next letter each case's run may take.
    let mut letters: [Option<u32>; 4] = [None; 4];
    let mut index = 0;
    cands.retain(|c| {
        index += 1;
        match c.rec.kind {
            MarkerKind::Part => {
                articles = false;
                letters = [None; 4];
                true
            }
            MarkerKind::Article => {
                articles |= c.rec.number == 1;
                articles || excerpt[index - 1]
            }
            MarkerKind::Letter => {
                // A run per case and bracketing: `（A）（B）` and `B. Smith` are
                // not one run.
                let text = &src[c.start..c.end()];
                let case = usize::from(text.chars().any(|c| c.is_ascii_lowercase()))
                    + 2 * usize::from(text.starts_with(['（', '(', '〔']));
                // A run from `a`: each next letter, or one repeated or
                // skipped (mistakes `check` reports), goes on with it.
                let n = c.rec.number;
                let ok =
                    n == 1 || letters[case].is_some_and(|next| (next - 1..=next + 1).contains(&n));
                if ok {
                    letters[case] = Some(n + 1);
                }
                ok
            }
            _ => !byline_date(c),
        }
    });
}

/// Articles before a part's `第一条` that form a run of three or more in
/// order: an excerpt of a code (`第九百九十九条`, `第一千条`, …), its own
/// series, not a law quoted in a report.
fn excerpt_articles(cands: &[Candidate]) -> Vec<bool> {
    let mut excerpt = vec![false; cands.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut seen_first = false;
    let close = |run: &mut Vec<usize>, excerpt: &mut [bool]| {
        if run.len() >= 3
            && run
                .windows(2)
                .all(|w| cands[w[0]].rec.number < cands[w[1]].rec.number)
        {
            for &i in run.iter() {
                excerpt[i] = true;
            }
        }
        run.clear();
    };
    for (i, c) in cands.iter().enumerate() {
        match c.rec.kind {
            MarkerKind::Part => {
                close(&mut run, &mut excerpt);
                seen_first = false;
            }
            MarkerKind::Article if !seen_first => {
                if c.rec.number == 1 {
                    seen_first = true;
                    close(&mut run, &mut excerpt);
                } else {
                    run.push(i);
                }
            }
            _ => {}
        }
    }
    close(&mut run, &mut excerpt);
    excerpt
}

/// For each ordinal candidate, the next candidate of its kind.
fn next_of_kind(cands: &[Candidate]) -> Vec<Option<usize>> {
    let mut next = vec![None; cands.len()];
    let mut last: [Option<usize>; MarkerKind::ALL.len()] = [None; MarkerKind::ALL.len()];
    for (j, c) in cands.iter().enumerate() {
        if c.rec.kind.is_ordinal() {
            if let Some(i) = last[c.rec.kind as usize].replace(j) {
                next[i] = Some(j);
            }
        }
    }
    next
}

/// Whether `bytes` hold a `。`, `！` or `？` (UTF-8 E3 80 82, EF BC 81, EF BC 9F).
fn has_sentence_end(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(0xE3, 0xEF, bytes).any(|i| {
        matches!(
            bytes.get(i + 1..i + 3),
            Some([0x80, 0x82] | [0xBC, 0x81 | 0x9F])
        )
    })
}

/// Decides the rank of key `k` at its first appearance, candidate `ci`
/// (spec §3 rules 2 and 3); see the module docs.
fn place(
    order: &mut Order,
    k: usize,
    cand: &Candidate,
    ci: usize,
    stack: &[Open],
    cont: &[Option<usize>],
    across: &impl Fn(usize, usize, usize) -> bool,
) {
    if k < LEVELS {
        // An explicit level, first met while a numbered series is open that
        // goes on after it: the explicit headings stand for lost markers of
        // that series and rank beside it.
        let open = stack.iter().rev().find(|o| {
            o.key.is_some_and(|ok| numbered(ok) && !order.tied[ok]) && cont[o.cand].is_some()
        });
        if let Some(o) = open {
            let ok = o.key.unwrap_or(k);
            order.tie(ok, k);
        }
        return;
    }
    if cand.place == Place::Markup {
        // `## 一、`: the line's own level places the kind.
        order.tie(k, usize::from(cand.explicit.clamp(1, LEVELS as u8)) - 1);
        return;
    }
    // Rule 3: under an explicit heading, a series that goes on across
    // explicit headings of that level ranks beside them.
    let explicit = stack
        .iter()
        .rev()
        .find_map(|o| o.key.filter(|&ok| ok < LEVELS));
    if let (Some(level), Some(next)) = (explicit, cont[ci]) {
        if across(level, ci, next) {
            order.tie(k, level);
            return;
        }
    }
    // Rule 2: a kind (or a second form of one) that first appears numbered
    // 1 while headings it would close are open, one of whose series goes on
    // after it, is put below the innermost of them.
    // The structure of codes and regulations (编 › 章 › 节 › 条) is fixed:
    // articles run on across chapters by design. Only lists reorder.
    if cand.rec.number != 1 || k < FIRST_LIST {
        return;
    }
    let below: Vec<&Open> = stack
        .iter()
        .filter(|o| {
            o.key.is_some_and(|ok| {
                // By numbering: a `#` line's level does not say what the
                // list's own order is.
                numbered(ok)
                    && ok >= FIRST_LIST
                    && ok != k
                    && order.numbering[ok] >= order.numbering[k]
            })
        })
        .collect();
    if below.iter().any(|o| cont[o.cand].is_some()) {
        if let Some(inner) = below.last().and_then(|o| o.key) {
            order.put_below(k, inner);
        }
    }
}
