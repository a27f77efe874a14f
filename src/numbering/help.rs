//! The help line of a diagnostic, in the writer's language: what to do,
//! given how `fmt` can fix what was found ([`Fix`]) and the edits of its
//! suggestion. The message itself (what was found) is
//! [`message`](super::message)'s.

use std::fmt::Write;

use super::message::{Finding, Lang, missing, q};

/// How the help line of a diagnostic reads, besides its suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fix {
    /// Nothing for `fmt` to do: advice for the writer.
    Advice,
    /// The suggestion is `fmt`'s; `shifted` when it follows an earlier
    /// renumbering of the same series.
    Suggested { shifted: bool },
    /// The marker's fix is the suggestion of the diagnostic before, on the
    /// same marker.
    WithAbove,
    /// Renumbering here would change the outline, so `fmt` leaves it:
    /// `moved` is the marker (and its line) whose place would change.
    Unsafe { moved: Option<(String, usize)> },
}

impl Finding {
    /// The help line in `lang`: what to do, given how the fix stands and the
    /// edits of the suggestion (`was` → `now`, the diagnostic's own marker
    /// first).
    pub(crate) fn help(&self, lang: Lang, fix: &Fix, edits: &[(&str, &str)]) -> Option<String> {
        let l = lang;
        match fix {
            Fix::WithAbove => Some(
                l.pick(
                    "fixed by the suggestion above for this marker",
                    "随上一条对这个编号的修改一并修正",
                    "隨上一條對這個編號的修改一併修正",
                )
                .to_string(),
            ),
            Fix::Unsafe {
                moved: Some((marker, line)),
            } => Some(match l {
                Lang::En => format!(
                    "renumbering here would change the outline at {marker} (line {line}), so `tigang fmt` leaves it: fix it by hand"
                ),
                Lang::Zh => format!(
                    "在这里重新编号会使提纲在{}（第 {line} 行）处发生变化，tigang fmt 不会自动修改，请手工调整",
                    q(l, marker)
                ),
                Lang::ZhHant => format!(
                    "在這裡重新編號會使提綱在{}（第 {line} 行）處發生變化，tigang fmt 不會自動修改，請手工調整",
                    q(l, marker)
                ),
            }),
            Fix::Unsafe { moved: None } => Some(
                l.pick(
                    "renumbering here would change the outline, so `tigang fmt` leaves it: fix it by hand",
                    "在这里重新编号会改变提纲，tigang fmt 不会自动修改，请手工调整",
                    "在這裡重新編號會改變提綱，tigang fmt 不會自動修改，請手工調整",
                )
                .to_string(),
            ),
            Fix::Advice => self.advice(l),
            Fix::Suggested { shifted } => self.suggested(l, *shifted, edits),
        }
    }

    /// The help for `fmt`'s suggestion: the diagnostic's own edit (after
    /// the missing markers when they were probably lost), whether earlier
    /// markers move too, the renumbering after it, and for a skip that was
    /// more likely meant, the missing markers to add instead.
    fn suggested(&self, l: Lang, shifted: bool, edits: &[(&str, &str)]) -> Option<String> {
        let (&(was, now), rest) = edits.split_first()?;
        if let (Finding::RedundantDelimiter { found, doubled }, Lang::Zh | Lang::ZhHant) = (self, l)
        {
            if rest.is_empty() && now == found {
                // Chinese says what to delete rather than what to write.
                return Some(format!(
                    "{}{}{}“{doubled}”",
                    l.pick("", "删去", "刪去"),
                    q(l, found),
                    l.pick("", "后多余的", "後多餘的"),
                ));
            }
        }
        let replace = replace(l, was, now);
        let mut out = match self.skipped(l, true) {
            Some(m) => probably_lost(l, &m, &replace),
            None => replace,
        };
        if shifted {
            out.push_str(l.pick(
                " (the markers before it are renumbered too)",
                "（前面的编号也随之顺延）",
                "（前面的編號也隨之順延）",
            ));
        }
        if !rest.is_empty() {
            out.push_str(&renumber_rest(l, rest));
        }
        if let Some(m) = self.skipped(l, false) {
            out.push_str(&or_add_missing(l, &m));
        }
        Some(out)
    }

    /// The missing markers of a [`Finding::Skip`] whose `lost_likelier` is
    /// `lost`, as the help names them; `None` for any other finding.
    fn skipped(&self, l: Lang, lost: bool) -> Option<String> {
        match self {
            Finding::Skip {
                missing: m,
                last_missing,
                count,
                lost_likelier,
                ..
            } if *lost_likelier == lost => Some(missing(l, m, last_missing.as_deref(), *count)),
            _ => None,
        }
    }

    /// Advice where `fmt` has nothing to offer.
    fn advice(&self, l: Lang) -> Option<String> {
        Some(match self {
            Finding::LonelyOrdinal { second, .. } => match l {
                Lang::En => format!("add {second}, or write the point without a number"),
                _ => format!(
                    "{}{}{}",
                    l.pick("", "补上", "補上"),
                    q(l, second),
                    l.pick(
                        "",
                        "，或把这一点改写成不编号的句子",
                        "，或把這一點改寫成不編號的句子"
                    )
                ),
            },
            Finding::LevelOrder { .. } => l
                .pick(
                    "order the levels as GB/T 9704 does: 一、 › （一） › 1. › （1）",
                    "按 GB/T 9704 调整层级：一、›（一）›1.›（1）",
                    "按 GB/T 9704 調整層級：一、›（一）›1.›（1）",
                )
                .to_string(),
            Finding::TocTitle { .. } => l
                .pick(
                    "make the entry and the heading say the same",
                    "修改目录或正文的标题，使两者一致",
                    "修改目錄或正文的標題，使兩者一致",
                )
                .to_string(),
            Finding::Start { first, .. } => match l {
                Lang::En => format!(
                    "add the items before it if they were lost; else renumber from {first} by hand (tigang fmt keeps the numbers a review refers to)"
                ),
                _ => format!(
                    "{}{}{}",
                    l.pick(
                        "",
                        "如前面的条目有遗漏，请补上；否则请从",
                        "如前面的條目有遺漏，請補上；否則請從"
                    ),
                    q(l, first),
                    l.pick(
                        "",
                        "起手工重新编号（tigang fmt 保留审阅时引用的编号）",
                        "起手工重新編號（tigang fmt 保留審閱時引用的編號）"
                    )
                ),
            },
            Finding::TocMissing { .. } => l
                .pick(
                    "add it to the table of contents",
                    "把它补进目录",
                    "把它補進目錄",
                )
                .to_string(),
            _ => return None,
        })
    }
}

/// The diagnostic's own edit: `was` becomes `now`.
fn replace(l: Lang, was: &str, now: &str) -> String {
    match l {
        Lang::En => format!("replace {was} with {now}"),
        _ => format!(
            "{}{}{}{}",
            l.pick("", "将", "將"),
            q(l, was),
            l.pick("", "改为", "改為"),
            q(l, now)
        ),
    }
}

/// A skip whose markers were probably lost: add them back, or if they were
/// left out on purpose, `replace`.
fn probably_lost(l: Lang, missing: &str, replace: &str) -> String {
    let mut out = String::new();
    match l {
        Lang::En => {
            let _ = write!(
                out,
                "{missing} was probably lost: add it back; if it was left out on purpose, {replace}"
            );
        }
        _ => {
            let _ = write!(
                out,
                "{}{missing}{}{replace}",
                l.pick("", "很可能漏掉了", "很可能漏掉了"),
                l.pick("", "：请补上；若是有意删去，", "：請補上；若是有意刪去，")
            );
        }
    }
    out
}

/// The markers renumbered after the diagnostic's own: how many, and the
/// first four (`was → now`).
fn renumber_rest(l: Lang, rest: &[(&str, &str)]) -> String {
    let shown: Vec<String> = rest
        .iter()
        .take(4)
        .map(|(a, b)| match l {
            Lang::En => format!("{a} → {b}"),
            _ => format!("{a}→{b}"),
        })
        .collect();
    let more = if rest.len() > 4 { "…" } else { "" };
    match l {
        Lang::En => format!(
            ", and renumber the {} after it: {}{more}",
            rest.len(),
            shown.join(", ")
        ),
        _ => format!(
            "{}{}{}{}{more}",
            l.pick("", "，其后", "，其後"),
            rest.len(),
            l.pick("", "处依次顺延：", "處依次順延："),
            shown.join("、")
        ),
    }
}

/// The other way to fix a skip that was more likely meant: add the missing
/// markers.
fn or_add_missing(l: Lang, missing: &str) -> String {
    match l {
        Lang::En => format!("; or add the missing {missing}"),
        _ => format!(
            "{}{missing}",
            l.pick("", "；或补上缺失的", "；或補上缺失的")
        ),
    }
}
