use std::time::Instant;
use tm::text::Lang;
fn main() {
    let t = Instant::now();
    let what = std::env::args().nth(1).unwrap_or_default();
    match what.as_str() {
        "en" => { tm::text::lexicon::dictionaries(Lang::En); }
        "ru" => { tm::text::lexicon::dictionaries(Lang::Ru); }
        "fen" => { tm::text::freq::words(Lang::En); }
        "fru" => { tm::text::freq::words(Lang::Ru); }
        "big" => { tm::text::freq::en_bigrams(); }
        "sen" => { tm::text::freq::words(Lang::En); let t2=Instant::now(); tm::qa::suggest::candidates(Lang::En, "teh"); eprintln!("  idx only {:?}", t2.elapsed()); }
        "sru" => { tm::text::freq::words(Lang::Ru); let t2=Instant::now(); tm::qa::suggest::candidates(Lang::Ru, "нееба"); eprintln!("  idx only {:?}", t2.elapsed()); }
        _ => {}
    }
    eprintln!("{what}: {:?}", t.elapsed());
}
