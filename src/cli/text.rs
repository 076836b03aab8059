//! `tm split` and `tm tag`: sentences and tagged tokens of a text (with the built-in rules or
//! an SRX file's).

use super::{emit, LangArg, SplitFormat};
use crate::formats;
use crate::segment;
use crate::text::Lang;
use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::Path;

pub(super) fn split(file: Option<&Path>, lang: LangArg, format: SplitFormat) -> Result<()> {
    let lang = match lang {
        LangArg::En => Some(Lang::En),
        LangArg::Ru => Some(Lang::Ru),
        LangArg::Auto => None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let (path, input): (&Path, Box<dyn std::io::Read>) = match file {
        Some(p) => (
            p,
            Box::new(std::fs::File::open(p).map_err(|cause| crate::Error::Io {
                path: p.to_path_buf(),
                cause,
            })?),
        ),
        None => (Path::new("<stdin>"), Box::new(std::io::stdin().lock())),
    };
    let result = match format {
        // Plain lines need no offsets: the cheaper reader that lends each sentence's text.
        SplitFormat::Text => segment::stream::split_reader_texts(path, input, lang, |s| {
            out.write_all(s.as_bytes())?;
            out.write_all(b"\n")
        }),
        SplitFormat::Jsonl => segment::stream::split_reader(path, input, lang, |s| {
            serde_json::to_writer(&mut out, s)?;
            out.write_all(b"\n")
        }),
    };
    match result.and_then(|_| {
        out.flush().map_err(|cause| crate::Error::Io {
            path: "<stdout>".into(),
            cause,
        })
    }) {
        Err(crate::Error::Io { cause, .. }) if cause.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(())
        }
        r => Ok(r?),
    }
}

/// `tm tag`: one JSON line of tokens per sentence (or, with `conllu`, the scores on a treebank).
pub(super) fn tag(file: Option<&Path>, lang: LangArg, conllu: bool) -> Result<()> {
    use crate::text::tag::{conllu as ud, Tagger};
    let (path, bytes) = match file {
        Some(p) => (
            p,
            std::fs::read(p).map_err(|cause| crate::Error::Io {
                path: p.to_path_buf(),
                cause,
            })?,
        ),
        None => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                .context("reading standard input")?;
            (Path::new("<stdin>"), buf)
        }
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(());
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        // The reader of text files names the file and the position of the first bad byte.
        Err(e) => formats::decode_text(path, e.into_bytes())?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lang = match lang {
        LangArg::En => Lang::En,
        LangArg::Ru => Lang::Ru,
        LangArg::Auto => crate::text::detect_lang(text).unwrap_or(Lang::En),
    };
    let tagger = Tagger::try_for_lang(lang).map_err(|e| anyhow::anyhow!("{e}"))?;
    if conllu {
        let s = ud::score(tagger, text);
        return emit(&format!(
            "{}: {} sentences, {} words: UPOS {:.4}  lemma {:.4}  FEATS {:.4}  ({:.0} words/s)\n",
            path.display(),
            s.sentences,
            s.words,
            s.upos,
            s.lemma,
            s.feats,
            s.words as f64 / s.seconds.max(1e-9)
        ));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = tagger.tag_text(text).into_iter().try_for_each(|tokens| {
        serde_json::to_writer(&mut out, &serde_json::json!({ "tokens": tokens }))
            .map_err(std::io::Error::from)
            .and_then(|_| out.write_all(b"\n"))
    });
    match written.and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("writing to standard output"),
    }
}

pub(super) fn split_srx(
    file: Option<&Path>,
    lang: LangArg,
    format: SplitFormat,
    srx: &Path,
) -> Result<()> {
    let doc = segment::srx::SrxDocument::read(srx)?;
    let text = match file {
        Some(p) => formats::read_text_file(p)?,
        None => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                .context("reading standard input")?;
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                return Ok(());
            }
            formats::decode_text(Path::new("<stdin>"), buf)?
        }
    };
    let code = match lang {
        LangArg::En => "en",
        LangArg::Ru => "ru",
        LangArg::Auto => crate::text::detect_lang(&text).unwrap_or(Lang::En).code(),
    };
    let rules = doc.rules_for(code)?;
    let mut ranges = Vec::new();
    for block in segment::hard_block_ranges(&text) {
        let offset = block.start;
        ranges.extend(
            rules
                .split(&text[block])
                .into_iter()
                .map(|r| r.start + offset..r.end + offset),
        );
    }
    let mut out = String::new();
    for s in segment::to_sentences(&text, ranges) {
        match format {
            SplitFormat::Text => out.push_str(&s.text),
            SplitFormat::Jsonl => out.push_str(&serde_json::to_string(&s)?),
        }
        out.push('\n');
    }
    emit(&out)
}
