//! What the server settles at `initialize`: the language of its messages,
//! the form `fmt` writes markers in, the debounce, the position encoding,
//! and which optional shapes of answer the client understands.
//!
//! Settings come from `initializationOptions` (and later from
//! `workspace/didChangeConfiguration`, under `tigang`):
//!
//! ```json
//! { "lang": "zh", "style": "gbt9704", "debounceMs": 30 }
//! ```

use std::time::Duration;

use serde_json::Value;

use super::position::Encoding;
use crate::Lang;
use crate::fmt::Style;

/// The language of a locale tag, as the command line reads `LANG`
/// (`zh-cn`, `zh_CN.UTF-8` Simplified; `zh-tw`, `zh-Hant` Traditional; any
/// other tag English); `None` for an empty one.
pub(crate) fn lang_of_tag(tag: &str) -> Option<Lang> {
    let tag = tag.trim();
    (!tag.is_empty()).then(|| Lang::from_locale(tag))
}

/// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES`,
/// `LANG` that is set and not empty (POSIX's order), as [`Lang::from_env`]
/// reads it, through `var` so that tests need not set the environment.
pub(crate) fn lang_of_env(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| var(v).as_deref().and_then(lang_of_tag))
}

/// The settings a client can give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    /// `lang`; else the client's locale, else the environment, else English.
    pub lang: Lang,
    /// `style`: `majority` (default) or `gbt9704`, as `tigang fmt --style`.
    pub style: Style,
    /// `debounceMs`: how long the text must rest after a change before the
    /// document is checked again.
    pub debounce: Duration,
}

/// Changes are coalesced for this long: typing at 10 keys a second sends a
/// full-text change per key, and checking each of them only to be replaced
/// by the next is wasted work; 30 ms is well below what a person notices.
pub(crate) const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(30);

impl Settings {
    /// Applies the known keys of `value` (an object; other values and
    /// unknown keys are ignored) and returns a warning for each bad value.
    pub(crate) fn apply(&mut self, value: &Value) -> Vec<String> {
        let mut warnings = Vec::new();
        let Some(map) = value.as_object() else {
            return warnings;
        };
        if let Some(v) = map.get("lang") {
            match v.as_str().map(str::parse::<Lang>) {
                Some(Ok(lang)) => self.lang = lang,
                _ => warnings.push(format!(
                    "tigang: setting `lang` is {v}; expected \"zh\", \"zh-hant\" or \"en\" (设置 lang 应为 \"zh\"、\"zh-hant\" 或 \"en\")"
                )),
            }
        }
        if let Some(v) = map.get("style") {
            match v.as_str() {
                Some("majority") => self.style = Style::Majority,
                Some("gbt9704") => self.style = Style::Gbt9704,
                _ => warnings.push(format!(
                    "tigang: setting `style` is {v}; expected \"majority\" or \"gbt9704\" (设置 style 应为 \"majority\" 或 \"gbt9704\")"
                )),
            }
        }
        if let Some(v) = map.get("debounceMs") {
            match v.as_u64() {
                Some(ms) if ms <= 10_000 => self.debounce = Duration::from_millis(ms),
                _ => warnings.push(format!(
                    "tigang: setting `debounceMs` is {v}; expected milliseconds from 0 to 10000 (设置 debounceMs 应为 0 到 10000 的毫秒数)"
                )),
            }
        }
        warnings
    }
}

/// Everything settled at `initialize`.
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub settings: Settings,
    pub encoding: Encoding,
    /// The client shows `DocumentSymbol` trees (else flat `SymbolInformation`).
    pub hierarchical_symbols: bool,
    /// The client takes `documentChanges` (versioned) in a `WorkspaceEdit`.
    pub document_changes: bool,
    /// Warnings about the settings, shown once the client is initialized.
    pub warnings: Vec<String>,
}

impl Config {
    /// The configuration for a client's `initialize` parameters; `var`
    /// reads the environment (a parameter, so tests need not set it).
    ///
    /// The few fields the server uses are read from the JSON by path rather
    /// than through `lsp_types::InitializeParams`: deserialising the whole
    /// of `ClientCapabilities` added ~1 MB of code to the binary for five
    /// values, and a field of the wrong type elsewhere in a client's
    /// capabilities cannot fail the handshake.
    pub(crate) fn new(params: &Value, var: impl Fn(&str) -> Option<String>) -> Config {
        let at = |path: &str| params.pointer(path);
        let flag = |path: &str| at(path).and_then(Value::as_bool).unwrap_or(false);
        let lang = at("/locale")
            .and_then(Value::as_str)
            .and_then(lang_of_tag)
            .or_else(|| lang_of_env(var))
            .unwrap_or(Lang::En);
        let mut settings = Settings {
            lang,
            style: Style::Majority,
            debounce: DEFAULT_DEBOUNCE,
        };
        let warnings = at("/initializationOptions")
            .map(|o| settings.apply(o))
            .unwrap_or_default();
        let offered = at("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str);
        Config {
            settings,
            encoding: Encoding::negotiate(offered),
            hierarchical_symbols: flag(
                "/capabilities/textDocument/documentSymbol/hierarchicalDocumentSymbolSupport",
            ),
            document_changes: flag("/capabilities/workspace/workspaceEdit/documentChanges"),
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(v: Value) -> Value {
        v
    }

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn locale_tags() {
        for zh in ["zh", "zh-cn", "zh_CN.UTF-8", "ZH"] {
            assert_eq!(lang_of_tag(zh), Some(Lang::Zh), "{zh}");
        }
        for hant in ["zh-TW", "zh-hant", "zh_HK.UTF-8"] {
            assert_eq!(lang_of_tag(hant), Some(Lang::ZhHant), "{hant}");
        }
        for en in ["en", "en-US", "C", "POSIX", "C.UTF-8", "de_DE"] {
            assert_eq!(lang_of_tag(en), Some(Lang::En), "{en}");
        }
        assert_eq!(lang_of_tag(""), None);
    }

    #[test]
    fn the_environment_in_posix_order() {
        let e = [("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", ""), ("LC_ALL", "")];
        assert_eq!(lang_of_env(env(&e)), Some(Lang::Zh));
        let e = [("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")];
        assert_eq!(lang_of_env(env(&e)), Some(Lang::En));
        assert_eq!(lang_of_env(env(&[])), None);
    }

    #[test]
    fn option_then_client_locale_then_environment() {
        let zh_env = [("LANG", "zh_CN.UTF-8")];
        let base = json!({"capabilities": {}});
        assert_eq!(
            Config::new(&params(base.clone()), env(&zh_env))
                .settings
                .lang,
            Lang::Zh
        );
        assert_eq!(Config::new(&params(base), env(&[])).settings.lang, Lang::En);
        let en_client = json!({"capabilities": {}, "locale": "en-us"});
        assert_eq!(
            Config::new(&params(en_client), env(&zh_env)).settings.lang,
            Lang::En
        );
        let opt =
            json!({"capabilities": {}, "locale": "en", "initializationOptions": {"lang": "zh"}});
        assert_eq!(Config::new(&params(opt), env(&[])).settings.lang, Lang::Zh);
    }

    #[test]
    fn settings_and_their_warnings() {
        let p = params(json!({
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}},
                "workspace": {"workspaceEdit": {"documentChanges": true}}
            },
            "initializationOptions": {"style": "gbt9704", "debounceMs": 0, "unknown": 1}
        }));
        let c = Config::new(&p, env(&[]));
        assert_eq!(c.settings.style, Style::Gbt9704);
        assert_eq!(c.settings.debounce, Duration::ZERO);
        assert!(c.hierarchical_symbols && c.document_changes);
        assert_eq!(c.encoding, Encoding::Utf16);
        assert!(c.warnings.is_empty());

        let mut s = c.settings.clone();
        let w = s.apply(&json!({"style": "pretty", "debounceMs": -1, "lang": 3}));
        assert_eq!(w.len(), 3);
        assert!(w[0].contains("`lang`") && w[1].contains("`style`") && w[2].contains("debounceMs"));
        assert_eq!(s, c.settings, "bad values change nothing");
    }
}
