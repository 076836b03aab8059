//! Markup: which parts of a text are not prose?
//!
//! Software strings and files from CAT tools carry code inside their sentences: placeholders
//! (printf `%s` `%1$d` `%.2f`, Python `%(name)s` `{name}`, .NET/ICU `{0}` `{count, plural, …}`,
//! templates `$VAR` `${var}` `{{var}}` `%VAR%`, Qt `%1`, the `{1}`…`{/1}` the TMX and XLIFF
//! readers make of inline codes), markup (HTML/XML tags, entities), and other code: URLs,
//! e-mail addresses, file paths, command-line options, identifiers (`snake_case`,
//! `camelCase`, `os.path`, `open()`, `key=value`, `0x1F`), code in backticks, key
//! combinations (`Ctrl+S`) and menu accelerators (`_Open`).
//!
//! [`View`] is that reading of a text, built once per side: the codes, the text with every
//! code char masked (same char offsets), and the prose words. Checks of prose (spelling,
//! casing, untranslated words, repeated words, punctuation) read the view; the `tags` check
//! compares the placeholders and markup of the two sides.

mod placeholders;
mod tokens;

use super::Word;
use std::borrow::Cow;

/// What a code span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// A printf conversion: `%s`, `%1$d`, `%-10.2lf`, `%<PRIu64>`, glibc's `%m`.
    Printf,
    /// A Python named conversion: `%(name)s`.
    PythonNamed,
    /// A brace placeholder: `{0}`, `{name}`, `{0:N2}`, `{}`, and inline codes `{1}`, `{/1}`.
    Brace,
    /// The head of an ICU message argument (`{count, plural,`, `{d, date, short}`), a plural
    /// or select branch's key and braces (`one {`, `}`), and a plural's `#`.
    Icu,
    /// A template variable: `$VAR`, `${var}`, `$(var)`, `{{var}}`, `{% tag %}`, `%VAR%`,
    /// `%{var}`.
    Template,
    /// A Qt-style numbered argument: `%1`.
    Qt,
    /// An HTML/XML tag (`<b>`, `</b>`, `<br/>`, `<a href="…">`) or comment.
    Tag,
    /// A character entity: `&amp;`, `&#160;`.
    Entity,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
    /// A file path or file name (`/usr/bin`, `C:\x`, `config.yaml`, `.bashrc`).
    Path,
    /// A command-line option (`--verbose`, `-v`, `--name=value`).
    Option,
    /// An identifier or literal of code (`snake_case`, `camelCase`, `os.path`, `open()`,
    /// `key=`, `0x1F`).
    Identifier,
    /// Code in backticks.
    Backtick,
    /// A key combination: `Ctrl+S`, `Alt+F4`.
    Keys,
    /// A menu accelerator mark (`_` of `_Open`, `&` of `&File`).
    Accelerator,
}

impl CodeKind {
    /// True for the kinds a translation must carry over unchanged (placeholders, markup),
    /// which the `tags` check compares between the sides.
    pub fn is_placeholder(self) -> bool {
        matches!(
            self,
            CodeKind::Printf
                | CodeKind::PythonNamed
                | CodeKind::Brace
                | CodeKind::Icu
                | CodeKind::Template
                | CodeKind::Qt
                | CodeKind::Tag
                | CodeKind::Entity
        )
    }
}

/// One span of code in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code<'a> {
    /// What it is.
    pub kind: CodeKind,
    /// The span as written.
    pub text: &'a str,
    /// Byte offset of its first byte.
    pub byte_start: usize,
    /// Byte offset one past it.
    pub byte_end: usize,
    /// Char offset of its first char.
    pub start: usize,
    /// Char offset one past it.
    pub end: usize,
}

/// The char that stands for every char of a code in [`View::prose`].
pub const CODE_MARK: char = '\u{FFFC}';

/// A text read for its prose: its codes, the text with code masked, its prose words.
#[derive(Debug, Clone)]
pub struct View<'a> {
    /// The text.
    pub text: &'a str,
    /// Its code spans, in order, not overlapping.
    pub codes: Vec<Code<'a>>,
    /// The text with every char of a code replaced by [`CODE_MARK`]: the same char offsets
    /// (not byte offsets) as `text`.
    pub prose: Cow<'a, str>,
    /// The words of `text` that are not inside a code (offsets into `text`).
    pub words: Vec<Word<'a>>,
}

impl<'a> View<'a> {
    /// Reads `text`.
    pub fn new(text: &'a str) -> View<'a> {
        let codes = codes(text);
        let all = super::words(text);
        if codes.is_empty() {
            return View {
                text,
                codes,
                prose: Cow::Borrowed(text),
                words: all,
            };
        }
        let mut words = Vec::with_capacity(all.len());
        let mut k = 0;
        for w in all {
            let end = w.byte_start + w.text.len();
            while k < codes.len() && codes[k].byte_end <= w.byte_start {
                k += 1;
            }
            if k < codes.len() && codes[k].byte_start < end {
                continue;
            }
            words.push(w);
        }
        View {
            text,
            prose: Cow::Owned(mask(text, &codes)),
            codes,
            words,
        }
    }

    /// The placeholders and markup, in order (see [`CodeKind::is_placeholder`]).
    pub fn placeholders(&self) -> impl Iterator<Item = &Code<'a>> {
        self.codes.iter().filter(|c| c.kind.is_placeholder())
    }

    /// True when the char at offset `at` is inside a code.
    pub fn in_code(&self, at: usize) -> bool {
        let k = self.codes.partition_point(|c| c.end <= at);
        self.codes.get(k).is_some_and(|c| c.start <= at)
    }

    /// True when the text has any code.
    pub fn has_code(&self) -> bool {
        !self.codes.is_empty()
    }
}

/// `text` with every char of `codes` replaced by [`CODE_MARK`].
fn mask(text: &str, codes: &[Code<'_>]) -> String {
    let mut out = String::with_capacity(text.len() + 2 * codes.len());
    let mut pos = 0;
    for c in codes {
        out.push_str(&text[pos..c.byte_start]);
        out.extend(std::iter::repeat_n(CODE_MARK, c.end - c.start));
        pos = c.byte_end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The code spans of `text`, in order and not overlapping. Placeholders and markup come
/// first; the other kinds cover the rest of a whitespace-separated token.
pub fn codes(text: &str) -> Vec<Code<'_>> {
    let mut taken: Vec<(usize, usize, CodeKind)> = Vec::new();
    placeholders::placeholders(text, &mut taken);
    let mut quoted = Vec::new();
    tokens::backticks(text, &taken, &mut quoted);
    taken = merge(taken, quoted);
    let mut whole = Vec::new();
    tokens::tokens(text, &mut whole);
    taken = merge(taken, whole);
    taken.retain(|&(a, b, _)| !text[a..b].trim().is_empty());
    taken.sort_unstable_by_key(|&(a, _, _)| a);
    // Char offsets in one pass.
    let mut out = Vec::with_capacity(taken.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for (a, b, kind) in taken {
        chars += text[byte..a].chars().count();
        let start = chars;
        chars += text[a..b].chars().count();
        byte = b;
        out.push(Code {
            kind,
            text: &text[a..b],
            byte_start: a,
            byte_end: b,
            start,
            end: chars,
        });
    }
    out
}

/// `taken` (sorted, not overlapping) with the parts of `more` (sorted) that it does not
/// cover: earlier finds win over later ones, which are cut around them.
fn merge(
    taken: Vec<(usize, usize, CodeKind)>,
    more: Vec<(usize, usize, CodeKind)>,
) -> Vec<(usize, usize, CodeKind)> {
    if more.is_empty() {
        return taken;
    }
    let mut pieces = Vec::with_capacity(more.len());
    let mut k = 0;
    for (a, b, kind) in more {
        while k < taken.len() && taken[k].1 <= a {
            k += 1;
        }
        let mut from = a;
        let mut j = k;
        while j < taken.len() && taken[j].0 < b {
            if taken[j].0 > from {
                pieces.push((from, taken[j].0, kind));
            }
            from = from.max(taken[j].1);
            j += 1;
        }
        if from < b {
            pieces.push((from, b, kind));
        }
    }
    let mut out = Vec::with_capacity(taken.len() + pieces.len());
    let (mut i, mut j) = (0, 0);
    while i < taken.len() || j < pieces.len() {
        if j == pieces.len() || (i < taken.len() && taken[i].0 <= pieces[j].0) {
            out.push(taken[i]);
            i += 1;
        } else {
            out.push(pieces[j]);
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, CodeKind)> {
        codes(text).into_iter().map(|c| (c.text, c.kind)).collect()
    }

    fn placeholder_texts(text: &str) -> Vec<&str> {
        codes(text)
            .into_iter()
            .filter(|c| c.kind.is_placeholder())
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn printf_conversions() {
        assert_eq!(
            placeholder_texts("%s: %1$d of %-10.2lf, %.*s, %08x, %llu, %zu, %m, %<PRIu64> and %%"),
            [
                "%s",
                "%1$d",
                "%-10.2lf",
                "%.*s",
                "%08x",
                "%llu",
                "%zu",
                "%m",
                "%<PRIu64>"
            ]
        );
        // Percent signs of prose are not placeholders.
        assert!(placeholder_texts("Prices rose 50% of the time, 5 % overall, 100%.").is_empty());
        assert!(placeholder_texts("на 10% больше, 20 %-ный рост").is_empty());
    }

    #[test]
    fn python_brace_template_and_qt() {
        assert_eq!(
            placeholder_texts("%(name)s has {0} and {count} items, {} {0:N2} {user.name} {/1}"),
            [
                "%(name)s",
                "{0}",
                "{count}",
                "{}",
                "{0:N2}",
                "{user.name}",
                "{/1}"
            ]
        );
        assert_eq!(
            placeholder_texts("Set $HOME, ${var}, $(CC), {{ user }}, {% if x %}, %APPDATA%, %{n}"),
            [
                "$HOME",
                "${var}",
                "$(CC)",
                "{{ user }}",
                "{% if x %}",
                "%APPDATA%",
                "%{n}"
            ]
        );
        assert_eq!(placeholder_texts("File %1 of %2"), ["%1", "%2"]);
        // A price and an escaped brace are not placeholders.
        assert!(placeholder_texts("It costs $5 {{ and").is_empty());
    }

    #[test]
    fn icu_heads_and_branch_keys_are_code_and_branch_text_is_prose() {
        let text = "You have {count, plural, one {# new file} other {# new files}} in {folder}.";
        let v = View::new(text);
        let ph: Vec<&str> = v.placeholders().map(|c| c.text).collect();
        assert_eq!(
            ph,
            [
                "{count, plural,",
                "one {",
                "#",
                "}",
                "other {",
                "#",
                "}",
                "}",
                "{folder}"
            ]
        );
        let words: Vec<&str> = v.words.iter().map(|w| w.text).collect();
        assert_eq!(words, ["You", "have", "new", "file", "new", "files", "in"]);
        assert_eq!(placeholder_texts("{d, date, short}"), ["{d, date, short}"]);
    }

    #[test]
    fn tags_and_entities() {
        assert_eq!(
            placeholder_texts(
                "<b>Bold</b>, <br/>, <a href=\"x.html\" title='t'>link</a>, &amp; &#160; &lt;key&gt; <!-- c -->"
            ),
            [
                "<b>",
                "</b>",
                "<br/>",
                "<a href=\"x.html\" title='t'>",
                "</a>",
                "&amp;",
                "&#160;",
                "&lt;",
                "&gt;",
                "<!-- c -->"
            ]
        );
        // Comparisons and broken tags are not tags.
        assert!(placeholder_texts("if a < b and c > d, <n or <1>").is_empty());
        assert!(placeholder_texts("R&D and AT&T; Tom & Jerry").is_empty());
    }

    #[test]
    fn other_code_is_not_prose() {
        let k = kinds(
            "See https://example.org/a?b=1, mail bob@example.com, edit /etc/hosts or config.yaml, \
             run --max-rate=5 -v, call os.path.join() or getItem on MAX_SIZE, press Ctrl+S.",
        );
        let texts: Vec<&str> = k.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            texts,
            [
                "https://example.org/a?b=1",
                "bob@example.com",
                "/etc/hosts",
                "config.yaml",
                "--max-rate=5",
                "-v",
                "os.path.join()",
                "getItem",
                "MAX_SIZE",
                "Ctrl+S"
            ]
        );
        assert_eq!(
            kinds("Press _Open or &File")[0],
            ("_", CodeKind::Accelerator)
        );
        assert_eq!(kinds("the `ls -l` command")[0].1, CodeKind::Backtick);
        assert_eq!(
            kinds("thanks @Twitter for #SaveTheDate")[0],
            ("@Twitter", CodeKind::Identifier)
        );
        assert_eq!(
            kinds("value='%s' set")[0],
            ("value='", CodeKind::Identifier)
        );
        assert_eq!(
            kinds("builtin [встр_команда]")[0],
            ("встр_команда", CodeKind::Identifier)
        );
        assert_eq!(
            kinds("missing `order_end' keyword")[0],
            ("order_end", CodeKind::Identifier)
        );
    }

    #[test]
    fn prose_is_left_alone() {
        for t in [
            "He said, e.g. this: the U.S. and the U.K., and/or 24/7, 5km at 10am, the 1st.",
            "Это т.е. и т.д., 3.5 млн, 12:30, 1,5 кг, кто-то -то.",
            "Rock-n-roll, well-known, state-of-the-art, mother-in-law.",
            "Mr. McDonald's 3-year plan: -5 degrees, 2-3 days.",
        ] {
            assert!(kinds(t).is_empty(), "{t}: {:?}", kinds(t));
        }
    }

    #[test]
    fn unicode_spaces_by_their_bytes() {
        for c in (0u32..0x3001)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii())
        {
            let t = format!("a{c}b");
            assert_eq!(tokens::is_unicode_space(&t, 1), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn the_view_masks_code_and_keeps_char_offsets() {
        let text = "Файл «%s» не найден в /tmp/кэш, см. --help";
        let v = View::new(text);
        assert_eq!(v.prose.chars().count(), text.chars().count());
        let words: Vec<&str> = v.words.iter().map(|w| w.text).collect();
        assert_eq!(words, ["Файл", "не", "найден", "в", "см"]);
        let first = &v.codes[0];
        assert_eq!((first.text, first.start, first.end), ("%s", 6, 8));
        assert!(v.in_code(6) && v.in_code(7) && !v.in_code(8) && !v.in_code(5));
        let masked: String = v.prose.chars().skip(6).take(2).collect();
        assert_eq!(masked, "\u{FFFC}\u{FFFC}");
        // No code: the text itself.
        assert!(matches!(View::new("plain text").prose, Cow::Borrowed(_)));
    }
}
