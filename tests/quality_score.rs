//! The shipped quality score reproduces, through `tm qa --scores`, the dev figures its
//! training script (`data/qe/train.py`) reported in `data/qe/metrics.json`; and it ranks
//! pairs of the project's own as a reviewer would.

use assert_cmd::Command;
use std::path::Path;

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    fn ranks(x: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..x.len()).collect();
        idx.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
        let mut r = vec![0.0; x.len()];
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
                j += 1;
            }
            for k in i..=j {
                r[idx[k]] = (i + j) as f64 / 2.0;
            }
            i = j + 1;
        }
        r
    }
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

/// `tm qa --format jsonl --scores` on a file.
fn scored(src: &str, tgt: &str, file: impl AsRef<Path>) -> std::process::Output {
    Command::cargo_bin("tm")
        .unwrap()
        .args([
            "qa",
            "--src-lang",
            src,
            "--tgt-lang",
            tgt,
            "--format",
            "jsonl",
            "--scores",
        ])
        .arg(file.as_ref())
        .output()
        .unwrap()
}

fn scores(output: &str) -> Vec<(i64, f64)> {
    output
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|r| r["check"] == "quality_score")
        .map(|r| (r["segment"].as_i64().unwrap(), r["score"].as_f64().unwrap()))
        .collect()
}

#[test]
fn the_shipped_model_reproduces_its_dev_figure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/qa/dev/mlqe_ruen");
    if !dir.join("dev.jsonl").exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let metrics: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/qe/metrics.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let reported = metrics["dev_spearman"].as_f64().unwrap();
    let out = scored("ru", "en", dir.join("dev.tsv"));
    assert!(out.status.success());
    let got = scores(&String::from_utf8_lossy(&out.stdout));
    let gold: Vec<f64> = std::fs::read_to_string(dir.join("dev.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["da_z_mean"]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert_eq!(got.len(), gold.len());
    let ours: Vec<f64> = got.iter().map(|s| s.1).collect();
    let rho = spearman(&ours, &gold);
    assert!(
        (rho - reported).abs() <= 0.01,
        "Spearman {rho:.4} vs reported {reported:.4}"
    );
}

#[test]
fn a_faithful_translation_ranks_above_omissions_and_unrelated_text_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let ruen = dir.path().join("ruen.tsv");
    std::fs::write(
        &ruen,
        "Власти города пообещали отремонтировать мост до конца года.\tThe city authorities promised to repair the bridge by the end of the year.\n\
         Власти города пообещали отремонтировать мост до конца года.\tThe city promised.\n\
         Власти города пообещали отремонтировать мост до конца года.\tMy grandmother likes knitting warm socks in winter.\n",
    )
    .unwrap();
    let out = scored("ru", "en", &ruen);
    let s = scores(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(s.len(), 3);
    assert!(s[0].1 > s[1].1 && s[0].1 > s[2].1, "{s:?}");
    let enru = dir.path().join("enru.tsv");
    std::fs::write(
        &enru,
        "The city authorities promised to repair the bridge by the end of the year.\tВласти города пообещали отремонтировать мост до конца года.\n\
         The city authorities promised to repair the bridge by the end of the year.\tМоя бабушка любит вязать тёплые носки зимой.\n",
    )
    .unwrap();
    let out = scored("en", "ru", &enru);
    let s = scores(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(s.len(), 2);
    assert!(s[0].1 > s[1].1, "{s:?}");
}

#[test]
fn the_html_report_lists_the_worst_pairs_first_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("pairs.tsv");
    std::fs::write(
        &tsv,
        "Власти города пообещали отремонтировать мост до конца года.\tThe city authorities promised to repair the bridge by the end of the year.\n\
         Власти города пообещали отремонтировать мост.\tMy grandmother likes <b>warm</b> socks & tea.\n",
    )
    .unwrap();
    let html = dir.path().join("r.html");
    let out = Command::cargo_bin("tm")
        .unwrap()
        .args([
            "qa",
            "--src-lang",
            "ru",
            "--tgt-lang",
            "en",
            "--format",
            "html",
            "-o",
        ])
        .arg(&html)
        .arg(&tsv)
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = std::fs::read_to_string(&html).unwrap();
    let table = &page[page.find("<table id=\"quality\">").expect("quality table")..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr><td>").skip(1).collect();
    assert_eq!(rows.len(), 2);
    // The unrelated translation comes first, its markup shown as text.
    assert!(rows[0].contains("grandmother"), "{table}");
    assert!(
        rows[0].contains("&lt;") && rows[0].contains("&amp;"),
        "{table}"
    );
    assert!(!rows[0].contains("<b>"), "{table}");
    assert!(rows[1].contains("authorities"));
}
