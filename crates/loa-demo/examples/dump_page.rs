//! Prints one page of the demo outlet (handy when editing the templates):
//! `cargo run -p loa-demo --example dump_page -- <slug>`, or `rss` for the feed, `images` for every SVG.
fn main() {
    let outlet = loa_demo::outlet();
    let arg = std::env::args().nth(1).unwrap_or_else(|| "rss".to_string());
    if arg == "images" {
        // Every figure's SVG, NUL-separated, for checking with an XML parser.
        for a in outlet.articles() {
            for (i, f) in a.figures().enumerate() {
                print!("{}\0", loa_demo::svg::render(f.scene, &a.slug, i + 1, &f.alt));
            }
        }
        return;
    }
    if arg == "rss" {
        print!("{}", loa_demo::site::rss(&outlet, "http://127.0.0.1:8080"));
        return;
    }
    match outlet.find(&arg) {
        Some(a) => print!("{}", loa_demo::site::article_page(&outlet, a, "http://127.0.0.1:8080")),
        None => eprintln!("no article with slug {arg:?}"),
    }
}
