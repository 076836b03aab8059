//! One Store test suite, run against both backends: an SQLite file and a PostgreSQL database
//! (a server this test starts; skipped with a message outside CI when PostgreSQL is absent).
//! Then the two are compared: the same units give the same candidates and matches.

mod common;

use common::pg::PgServer;
use tm::formats::Unit;
use tm::lookup::{lookup_with, LookupOptions};
use tm::memory::dump::{DumpItem, RestoreStats};
use tm::memory::{
    open_store, DocOutcome, ExportFilter, ImportStats, NewSegment, OnDuplicate, Store, UnitChange,
};

type Opener<'a> = &'a dyn Fn() -> Box<dyn Store + Send>;

fn unit(src: &str, tgt: &str) -> Unit {
    Unit {
        src_lang: "en".into(),
        src: src.into(),
        tgt_lang: "ru".into(),
        tgt: tgt.into(),
        ..Unit::default()
    }
}

fn import(m: &mut dyn Store, units: &[Unit], policy: OnDuplicate) -> ImportStats {
    let mut it = units.iter().cloned().map(Ok);
    m.import_stream(&mut it, "import:t.tmx", policy, &mut |_| {})
        .unwrap()
}

/// A few thousand generated pairs: every subject × verb × object, so that many share words.
fn corpus() -> Vec<Unit> {
    let subj = [
        ("The council", "Совет"),
        ("The minister", "Министр"),
        ("Our team", "Наша команда"),
        ("The user", "Пользователь"),
        ("This program", "Эта программа"),
        ("The server", "Сервер"),
        ("A translator", "Переводчик"),
        ("The committee", "Комитет"),
    ];
    let verb = [
        ("opens", "открывает"),
        ("closes", "закрывает"),
        ("saves", "сохраняет"),
        ("deletes", "удаляет"),
        ("checks", "проверяет"),
        ("reads", "читает"),
    ];
    let obj = [
        ("the file", "файл"),
        ("the document", "документ"),
        ("every report", "каждый отчёт"),
        ("the old window", "старое окно"),
        ("a new folder", "новую папку"),
        ("the settings", "настройки"),
        ("the last message", "последнее сообщение"),
        ("two tables", "две таблицы"),
    ];
    let tail = [
        ("", ""),
        (" today", " сегодня"),
        (" again", " снова"),
        (" at night", " ночью"),
    ];
    let mut out = Vec::new();
    for (s, sr) in subj {
        for (v, vr) in verb {
            for (o, or) in obj {
                for (t, tr) in tail {
                    out.push(unit(
                        &format!("{s} {v} {o}{t}."),
                        &format!("{sr} {vr} {or}{tr}."),
                    ));
                }
            }
        }
    }
    out
}

fn queries() -> Vec<String> {
    vec![
        "The council opens the file today.".into(),
        "The council opens a file today".into(),
        "Our team saves every report at night!".into(),
        "The server deletes the old windows again.".into(),
        "A translator reads the latest message.".into(),
        "Совет открывает файл сегодня.".into(),
        "The ministers check two tables.".into(),
        "Nothing like this is stored.".into(),
    ]
}

// ---- the suite: each function gets a way to open one fresh memory ----

fn import_policies(open: Opener<'_>) {
    let mut m = open();
    let a = unit("Open file", "Открыть файл");
    let b = unit("Close file", "Закрыть файл");
    let s = import(
        &mut *m,
        &[a.clone(), a.clone(), b.clone()],
        OnDuplicate::Skip,
    );
    assert_eq!((s.added, s.duplicates, s.overwritten), (2, 1, 0));
    let s = import(&mut *m, std::slice::from_ref(&a), OnDuplicate::Skip);
    assert_eq!((s.added, s.duplicates), (0, 1));
    let a2 = unit("Open file", "Откройте файл");
    let s = import(&mut *m, std::slice::from_ref(&a2), OnDuplicate::Overwrite);
    assert_eq!((s.added, s.overwritten), (1, 1));
    let s = import(&mut *m, std::slice::from_ref(&b), OnDuplicate::KeepBoth);
    assert_eq!(s.added, 1);
    let units = m.units(&ExportFilter::default()).unwrap();
    assert_eq!(units, vec![b.clone(), a2, b]);
    let st = m.stats().unwrap();
    assert_eq!((st.segments, st.pairs, st.monolingual), (3, 3, 0));
    assert_eq!(st.by_language, vec![("en→ru".to_string(), 3)]);
}

fn import_is_all_or_nothing(open: Opener<'_>) {
    let mut m = open();
    import(
        &mut *m,
        &[unit("Keep me", "Оставь меня")],
        OnDuplicate::Skip,
    );
    let mut it = vec![
        Ok(unit("One", "Один")),
        Err(tm::Error::Usage("broken file".into())),
    ]
    .into_iter();
    assert!(m
        .import_stream(&mut it, "import:bad", OnDuplicate::Skip, &mut |_| {})
        .is_err());
    assert_eq!(m.stats().unwrap().segments, 1);
    assert!(m.exact("One").unwrap().is_empty());
}

fn ingest_and_concordance(open: Opener<'_>) {
    let mut m = open();
    let seg = |s: &str, t: &str| NewSegment {
        src_lang: "en".into(),
        src: s.into(),
        tgt: Some(("ru".into(), t.into())),
    };
    let segs = vec![
        seg("NATO is ready.", "НАТО готово."),
        seg("The files were opened.", "Файлы были открыты."),
    ];
    assert_eq!(
        m.ingest_document("a.txt", "h1", &segs).unwrap(),
        DocOutcome::Added(2)
    );
    assert_eq!(
        m.ingest_document("a.txt", "h1", &segs).unwrap(),
        DocOutcome::Unchanged
    );
    let hits = m.concordance(&["нато".into()], 10, "[", "]").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].2.as_deref(), Some("[НАТО] готово."));
    // Inflected forms: "file" finds "files", "открыть" finds "открыты".
    let hits = m.concordance(&["file".into()], 10, "[", "]").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].1, "The [files] were opened.");
    assert_eq!(
        m.concordance(&["absent".into()], 10, "[", "]")
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        m.ingest_document("a.txt", "h2", &segs[..1]).unwrap(),
        DocOutcome::Replaced(1)
    );
    let all = m.segments().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].doc.as_deref(), Some("a.txt"));
    // Context: the exact match of a document's segment knows its neighbour.
    m.set_lexicon(5, "model text").unwrap();
    assert_eq!(m.lexicon().unwrap().unwrap().model, "model text");
}

fn add_edit_delete(open: Opener<'_>) {
    let mut m = open();
    import(&mut *m, &corpus()[..50], OnDuplicate::Skip);
    let new = NewSegment {
        src_lang: "en".into(),
        src: "The printer jams on every page.".into(),
        tgt: Some(("ru".into(), "Принтер заедает на каждой странице.".into())),
    };
    let added = m.add_unit(&new, "anna").unwrap();
    assert_eq!(added.version, 1);
    assert_eq!(added.created_by.as_deref(), Some("anna"));
    let opts = LookupOptions {
        min_score: 50,
        limit: 5,
        ..LookupOptions::default()
    };
    let top = |m: &dyn Store, q: &str| -> Option<(i64, u32)> {
        lookup_with(m, q, &opts)
            .unwrap()
            .first()
            .map(|x| (x.segment, x.score))
    };
    assert_eq!(
        top(&*m, "The printer jams on every page."),
        Some((added.id, 100))
    );
    assert!(top(&*m, "The printer jams on each page.").is_some_and(|(id, _)| id == added.id));
    // Edit from version 1: accepted, version 2, who and when recorded.
    let change = UnitChange {
        source: Some("The scanner stops on every page.".into()),
        target: Some("Сканер останавливается на каждой странице.".into()),
        expected_version: Some(1),
        user: "boris".into(),
    };
    let edited = m.edit_unit(added.id, &change).unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(edited.changed_by.as_deref(), Some("boris"));
    assert!(edited.changed_at.is_some());
    // The same change again, still from version 1: someone changed it meanwhile.
    let err = m.edit_unit(added.id, &change).unwrap_err();
    assert!(matches!(err, tm::Error::Conflict(_)), "{err}");
    assert!(err.to_string().contains("boris"), "{err}");
    assert_eq!(m.unit(added.id).unwrap().unwrap().version, 2);
    // Lookups follow the edit: the new text is found, the old one is not.
    assert_eq!(
        top(&*m, "The scanner stops on every page."),
        Some((added.id, 100))
    );
    assert!(
        top(&*m, "The printer jams on every page.").is_none_or(|(id, s)| id != added.id || s < 100)
    );
    let q = tm::text::normalize("The scanner stops on every page");
    assert!(m
        .fuzzy_candidates(&q, 30)
        .unwrap()
        .iter()
        .any(|c| c.id == added.id));
    // Delete with an old version: refused; with the current one: gone.
    assert!(matches!(
        m.delete_unit(added.id, Some(1)).unwrap_err(),
        tm::Error::Conflict(_)
    ));
    m.delete_unit(added.id, Some(2)).unwrap();
    assert!(m.unit(added.id).unwrap().is_none());
    assert!(top(&*m, "The scanner stops on every page.").is_none_or(|(id, _)| id != added.id));
    assert!(matches!(
        m.delete_unit(added.id, None).unwrap_err(),
        tm::Error::NotFound(_)
    ));
    // Empty texts are refused.
    let empty = UnitChange {
        target: Some("  ".into()),
        user: "x".into(),
        ..UnitChange::default()
    };
    let first = m.units(&ExportFilter::default()).unwrap().len();
    assert!(first > 0);
    assert!(m.edit_unit(1, &empty).is_err());
}

fn dump_all(m: &dyn Store) -> Vec<DumpItem> {
    let mut out = Vec::new();
    m.dump(&mut |item| {
        out.push(item);
        Ok(())
    })
    .unwrap();
    out
}

fn restore(m: &mut dyn Store, items: Vec<DumpItem>) -> tm::Result<RestoreStats> {
    m.restore(&mut items.into_iter().map(Ok), &mut |_| {})
}

/// A memory built from `from`, copied whole into `to` (`tm copy`): documents, monolingual
/// segments, ids with their gaps, versions and who changed what, props and the lexical model
/// all come along, the copy answers as the original, and new ids follow the copied ones. A
/// copy into a memory that holds something, or one whose source fails half-way, leaves the
/// target as it was.
fn copy_between(from: Opener<'_>, to: Opener<'_>) {
    let mut m = from();
    let mono = NewSegment {
        src_lang: "en".into(),
        src: "A heading without translation.".into(),
        tgt: None,
    };
    let pair = NewSegment {
        src_lang: "en".into(),
        src: "NATO is ready.".into(),
        tgt: Some(("ru".into(), "НАТО готово.".into())),
    };
    m.ingest_document("a.txt", "h1", &[mono, pair]).unwrap();
    let mut units = corpus()[..40].to_vec();
    units[3].tuid = Some("tu-3".into());
    units[3].note = Some("checked".into());
    units[3].props = vec![("x-context".into(), "menu".into())];
    import(&mut *m, &units, OnDuplicate::Skip);
    let edited = m
        .edit_unit(
            5,
            &UnitChange {
                target: Some("Совет открывает файл сегодня утром.".into()),
                user: "anna".into(),
                ..UnitChange::default()
            },
        )
        .unwrap();
    m.delete_unit(7, None).unwrap();
    m.set_lexicon(12, "дом\thouse\t0.9\t0.8\n").unwrap();
    let original = dump_all(&*m);
    assert!(original.iter().any(|i| matches!(i, DumpItem::Lexicon(_))));

    let mut c = to();
    let stats = restore(&mut *c, original.clone()).unwrap();
    assert_eq!(
        (
            stats.documents,
            stats.pairs,
            stats.monolingual,
            stats.lexicon
        ),
        (1, 40, 1, true)
    );
    assert_eq!(dump_all(&*c), original);
    assert_eq!(c.stats().unwrap(), m.stats().unwrap());
    assert_eq!(c.unit(5).unwrap(), Some(edited));
    assert_eq!(c.unit(7).unwrap(), None);
    for q in queries() {
        let norm = tm::text::normalize(&q);
        assert_eq!(
            m.fuzzy_candidates(&norm, 30).unwrap(),
            c.fuzzy_candidates(&norm, 30).unwrap(),
            "{q}"
        );
    }
    let words = vec!["нато".to_string()];
    assert_eq!(
        c.concordance(&words, 10, "[", "]").unwrap(),
        m.concordance(&words, 10, "[", "]").unwrap()
    );
    // Ingesting the same document again into the copy changes nothing: its hash came along.
    assert_eq!(
        c.ingest_document("a.txt", "h1", &[]).unwrap(),
        DocOutcome::Unchanged
    );
    let max = m.segments().unwrap().iter().map(|s| s.id).max().unwrap();
    let added = c
        .add_unit(
            &NewSegment {
                src_lang: "en".into(),
                src: "A new unit.".into(),
                tgt: Some(("ru".into(), "Новая единица.".into())),
            },
            "boris",
        )
        .unwrap();
    assert!(added.id > max, "{} after {max}", added.id);

    // Into a memory that holds something: refused, nothing changed.
    let before = dump_all(&*c);
    let err = restore(&mut *c, original.clone()).unwrap_err();
    assert!(err.to_string().contains("already holds"), "{err}");
    assert_eq!(dump_all(&*c), before);
    // A source that fails half-way: the target stays empty.
    let mut e = to();
    let half = original.len() / 2;
    let mut failing = original[..half]
        .iter()
        .cloned()
        .map(Ok)
        .chain(std::iter::once(Err(tm::Error::Usage("disk gone".into()))));
    let err = e.restore(&mut failing, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("disk gone"), "{err}");
    assert!(dump_all(&*e).is_empty());
    assert_eq!(restore(&mut *e, original.clone()).unwrap().pairs, 40);
}

/// Every suite function against one backend.
fn suite(open: Opener<'_>) {
    import_policies(open);
    import_is_all_or_nothing(open);
    ingest_and_concordance(open);
    add_edit_delete(open);
    copy_between(open, open);
}

#[test]
fn store_suite_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let n = std::sync::atomic::AtomicUsize::new(0);
    let open = || -> Box<dyn Store + Send> {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        open_store(&dir.path().join(format!("m{i}.db")), true).unwrap()
    };
    suite(&open);
}

#[test]
fn store_suite_on_postgres_and_the_same_answers_as_sqlite() {
    let Some(pg) = PgServer::start() else {
        return;
    };
    let open = || -> Box<dyn Store + Send> {
        open_store(std::path::Path::new(&pg.fresh_db()), true).unwrap()
    };
    suite(&open);

    // Copies between the backends, both ways.
    let dir = tempfile::tempdir().unwrap();
    let n = std::sync::atomic::AtomicUsize::new(0);
    let open_lite = || -> Box<dyn Store + Send> {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        open_store(&dir.path().join(format!("c{i}.db")), true).unwrap()
    };
    copy_between(&open, &open_lite);
    copy_between(&open_lite, &open);

    // The same units in both: the same candidates, matches and scores.
    let mut lite = open_store(&dir.path().join("m.db"), true).unwrap();
    let mut post = open();
    let units = corpus();
    assert_eq!(
        import(&mut *lite, &units, OnDuplicate::Skip),
        import(&mut *post, &units, OnDuplicate::Skip)
    );
    let opts = LookupOptions {
        min_score: 40,
        limit: 10,
        ..LookupOptions::default()
    };
    for q in queries() {
        let norm = tm::text::normalize(&q);
        assert_eq!(
            lite.fuzzy_candidates(&norm, 30).unwrap(),
            post.fuzzy_candidates(&norm, 30).unwrap(),
            "{q}"
        );
        let a = serde_json::to_value(lookup_with(&*lite, &q, &opts).unwrap()).unwrap();
        let b = serde_json::to_value(lookup_with(&*post, &q, &opts).unwrap()).unwrap();
        assert_eq!(a, b, "{q}");
        assert_eq!(lite.exact(&q).unwrap(), post.exact(&q).unwrap());
    }
    assert_eq!(lite.stats().unwrap(), post.stats().unwrap());
    // Concordance: the same hits, in the same order, with one word or several, Russian or
    // English, a stem too short for the trigram index included.
    for words in [
        vec!["report"],
        vec!["сообщения"],
        vec!["council", "files"],
        vec!["ночью", "совет"],
        vec!["at"],
        vec!["absent"],
    ] {
        let words: Vec<String> = words.into_iter().map(String::from).collect();
        let a = lite.concordance(&words, 50, "[", "]").unwrap();
        assert_eq!(
            a,
            post.concordance(&words, 50, "[", "]").unwrap(),
            "{words:?}"
        );
        assert_eq!(a.is_empty(), words[0] == "absent", "{words:?}");
    }

    // A version 1 database (posting lists without word starts) gets them when opened.
    let url = pg.fresh_db();
    import(
        &mut *open_store(std::path::Path::new(&url), true).unwrap(),
        &units,
        OnDuplicate::Skip,
    );
    let mut raw = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    raw.batch_execute(
        "UPDATE tm_schema SET version = 1; DELETE FROM fuzzy_postings; DELETE FROM fuzzy_changes;",
    )
    .unwrap();
    let migrated = open_store(std::path::Path::new(&url), true).unwrap();
    let version: i32 = raw
        .query_one("SELECT version FROM tm_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, tm::memory::postgres::schema::PG_SCHEMA_VERSION);
    for words in [vec!["council", "files"], vec!["at"]] {
        let words: Vec<String> = words.into_iter().map(String::from).collect();
        let hits = migrated.concordance(&words, 50, "[", "]").unwrap();
        assert!(!hits.is_empty(), "{words:?}");
        assert_eq!(hits, lite.concordance(&words, 50, "[", "]").unwrap());
    }
    for q in queries() {
        let norm = tm::text::normalize(&q);
        assert_eq!(
            lite.fuzzy_candidates(&norm, 30).unwrap(),
            migrated.fuzzy_candidates(&norm, 30).unwrap(),
            "{q}"
        );
    }
}
