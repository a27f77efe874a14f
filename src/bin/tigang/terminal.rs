//! How `check` and `fmt` speak to a person: the language (`--lang`, else the
//! locale), colour (`--color`, `NO_COLOR`) and the terminal's width.

use std::io::IsTerminal;

use clap::ValueEnum;
use tigang::Lang;
use tigang::render::Report;

/// `--lang`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Chinese in the script of each document (Simplified or Traditional).
    Zh,
    /// Simplified Chinese.
    #[value(name = "zh-hans")]
    ZhHans,
    /// Traditional Chinese.
    #[value(name = "zh-hant")]
    ZhHant,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The options both subcommands take.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct Speech {
    /// Language of messages: en, zh (the document's script), zh-hans,
    /// zh-hant. Default: Chinese when LC_ALL, LC_MESSAGES or LANG (the first
    /// set) is zh_*, else English.
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
    /// Colour: auto (a terminal and no NO_COLOR), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    color: ColorArg,
}

impl Speech {
    /// The report layout for a document whose text is `text`.
    pub fn report(&self, text: &str) -> Report {
        let lang = match self.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Zh) => Lang::Zh.for_text(text),
            Some(LangArg::ZhHans) => Lang::Zh,
            Some(LangArg::ZhHant) => Lang::ZhHant,
            // A Traditional locale asks for Traditional; a Simplified one
            // follows the document.
            None => match Lang::from_env() {
                Lang::Zh => Lang::Zh.for_text(text),
                other => other,
            },
        };
        Report::new().lang(lang).color(self.color()).width(width())
    }

    /// The language of messages that are about no one document.
    pub fn lang(&self) -> Lang {
        self.report("").lang
    }

    fn color(&self) -> bool {
        match self.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Columns to fit: `COLUMNS`, else the terminal's width, else 100 (a log).
fn width() -> usize {
    if let Some(n) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return n;
    }
    console::Term::stdout()
        .size_checked()
        .map_or(100, |(_, cols)| usize::from(cols))
}
